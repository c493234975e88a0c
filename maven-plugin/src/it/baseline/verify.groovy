def baseline = new groovy.json.JsonSlurper().parse(new File(basedir, 'tx-check-baseline.json'))
assert baseline.findings.size() == 1
assert baseline.findings[0].file == 'src/main/java/com/acme/bank/TransferService.java'
assert baseline.findings[0].ruleId == 'TX001'

// build.log holds the last run
def log = new File(basedir, 'build.log').text
assert log.contains('[ERROR] src/main/java/com/acme/bank/RefundService.java:9:5: error: [TX001] ')
assert !log.contains('TransferService.java:10: [TX001]')
assert log.contains('tx-check: 1 finding accepted by the baseline tx-check-baseline.json')
assert log.contains('BUILD FAILURE')
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/tx-check/tx-check.sarif'))
assert sarif.runs[0].results*.locations*.physicalLocation*.artifactLocation*.uri.flatten() == ['src/main/java/com/acme/bank/RefundService.java']
return true
