// build.log holds both runs. The first failed because of the finding, and the log names file, line and rule.
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/java/com/acme/bank/TransferService.java:10:5: error: [TX001] ')
assert log.contains('tx-check: 1 finding at or above info, listed above; the report is target/tx-check/tx-check.html.')
assert log.contains('suppress one with @SuppressWarnings("txcheck:TX001")')
assert log.contains('accept the current findings with mvn tx-check:baseline')
assert log.contains('BUILD FAILURE')
// The second tolerated it (maxAllowedViolations=1) and only warned.
assert log.contains('[WARNING] src/main/java/com/acme/bank/TransferService.java:10:5: error: [TX001] ')
assert log.contains('BUILD SUCCESS')
// (Maven's own warnings about files of a fresh local repository without checksums do not count)
assert !log.readLines().any { it.contains('Exception:') && !it.contains('ChecksumFailureException') } :
    'a finding is a build failure, not a stack trace'

// The reports were written before the build failed.
def reports = new File(basedir, 'target/tx-check')
assert new File(reports, 'tx-check.html').text.contains('TransferService.java')
def sarif = new groovy.json.JsonSlurper().parse(new File(reports, 'tx-check.sarif'))
def results = sarif.runs[0].results
assert results.size() == 1
assert results[0].ruleId == 'TX001'
assert results[0].locations[0].physicalLocation.artifactLocation.uri == 'src/main/java/com/acme/bank/TransferService.java'
def checkstyle = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
    .parse(new File(reports, 'tx-check-checkstyle.xml'))
def file = checkstyle.getElementsByTagName('file').item(0)
assert file.getAttribute('name') == 'src/main/java/com/acme/bank/TransferService.java'
assert file.getElementsByTagName('error').item(0).getAttribute('source') == 'tx-check.TX001'
return true
