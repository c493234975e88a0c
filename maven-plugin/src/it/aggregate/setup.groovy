// The reactor is the root of a git checkout, as on a CI runner (a .git directory cannot be committed
// inside this repository's test projects, so it is made here).
new File(basedir, '.git').mkdirs()
return true
