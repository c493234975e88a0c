// one analysis of the whole reactor, one set of reports at its top
def log = new File(basedir, 'build.log').text
assert log.contains('(2 modules analysed as one project)')
assert new File(basedir, 'target/tx-check/tx-check.html').isFile()
assert !new File(basedir, 'db/target/tx-check').exists()
assert !new File(basedir, 'ledger/target/tx-check').exists()

// the SARIF names each module's file from the repository's root, as GitHub code scanning reads it
def sarif = new groovy.json.JsonSlurper().parse(new File(basedir, 'target/tx-check/tx-check.sarif'))
def results = sarif.runs[0].results
def uris = results*.locations*.physicalLocation*.artifactLocation*.uri.flatten() as Set
assert uris == ['db/src/main/java/com/acme/db/Db.java', 'ledger/src/main/java/com/acme/ledger/LedgerWriter.java'] as Set
// the factory of the db module begins the transaction that LedgerWriter leaves open on a failure
assert results.any { it.ruleId == 'TX001' && it.locations[0].physicalLocation.artifactLocation.uri.startsWith('ledger/') }
assert !new File(basedir, 'target/tx-check/tx-check.sarif').text.contains(basedir.absolutePath)

// the site of the top project has the page, with both modules' findings, and the standalone report
def page = new File(basedir, 'target/site/tx-check-aggregate.html')
assert page.isFile()
assert page.text.contains('ledger/src/main/java/com/acme/ledger/LedgerWriter.java') || page.text.contains('LedgerWriter.java')
assert page.text.contains('Db.java')
assert new File(basedir, 'target/site/tx-check-aggregate/tx-check.html').text.contains('conn.setAutoCommit(false);')
// the modules' sites have no page of their own
assert !new File(basedir, 'db/target/site/tx-check-aggregate.html').exists()
return true
