// build.log holds the four builds.
def log = new File(basedir, 'build.log').text
assert log.contains('[INFO] tx-check: no cache yet, every file analysed; cache written')
assert log.contains('[INFO] tx-check: no file changed since the cache was written; findings reused')
assert log.count('tx-check: no findings in 1 file (1 mention transactions)') == 4
assert log.count('no cache yet') == 2 : 'the default file once, the other file once; not with the cache off'
assert new File(basedir, 'target/tx-check/cache.bin').isFile()
assert new File(basedir, 'target/elsewhere/tx-check.cache').isFile()
assert !log.contains('[WARNING] tx-check:')
return true
