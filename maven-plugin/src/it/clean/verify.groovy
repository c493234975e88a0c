def log = new File(basedir, 'build.log').text
assert log.contains('tx-check:help') || log.contains('tx-check-maven-plugin')
assert log.contains('tx-check:verify') && log.contains('tx-check:baseline') && log.contains('tx-check:report')
def reports = new File(basedir, 'target/tx-check')
def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'tx-check.sarif'))
assert sarif.runs[0].results.isEmpty()
assert new File(reports, 'tx-check.html').isFile()
assert new File(reports, 'tx-check-checkstyle.xml').isFile()
assert log.contains('[DEBUG] tx-check: classpath (')
assert log =~ /\[DEBUG\] tx-check:   .*target\/classes/
assert log.contains('[DEBUG] tx-check: rules enabled [], disabled [], severities {}')
return true
