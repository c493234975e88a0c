def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert log.contains('tx-check: 1 finding (TX001: 1)')
def reports = new File(basedir, 'target/tx-check')
def json = new groovy.json.JsonSlurper().parse(new File(reports, 'tx-check.json'))
assert json.findings*.ruleId == ['TX001']
assert json.findings[0].file == 'src/main/java/com/acme/bank/TransferService.java'
def html = new File(reports, 'tx-check.html').text
assert html.contains('TransferService.java') && html.contains('TX001')
assert new File(reports, 'tx-check.sarif').isFile()
assert !new File(reports, 'tx-check-checkstyle.xml').exists()
return true
