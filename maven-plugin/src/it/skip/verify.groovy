def log = new File(basedir, 'build.log').text
assert log.contains('tx-check: skipped (tx-check.skip)')
assert !log.contains('[TX001]')
assert !new File(basedir, 'target/tx-check').exists()
return true
