def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] src\/test\/java\/com\/acme\/bank\/TestData.java:14:\d+: error: \[TX010\] /
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/tx-check/tx-check.sarif'))
assert sarif.runs[0].results.size() == 1
return true
