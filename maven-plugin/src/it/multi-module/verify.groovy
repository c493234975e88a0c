def log = new File(basedir, 'build.log').text
assert log.contains('tx-check: skipped, a module with pom packaging has no sources')
// each module's finding, named from the directory Maven was started in
assert log.contains('[ERROR] bank/src/main/java/com/acme/bank/TransferService.java:10:5: error: [TX001] ')
assert log.contains('[WARNING] shop/src/main/java/com/acme/shop/OrderImporter.java:19:9: warning: [TX002] ')
assert log.contains('MultiThreadedBuilder') || log.contains('thread count: 2') || log.contains('with a thread count of 2')

// each module has its own reports, with its own finding only; SARIF names it from the repository's
// root (setup.groovy made the reactor a checkout), as GitHub code scanning reads it
def slurp = { new groovy.json.JsonSlurper().parse(new File(basedir, it)) }
def uris = { sarif -> sarif.runs[0].results*.locations*.physicalLocation*.artifactLocation*.uri.flatten() }
assert uris(slurp('bank/target/tx-check/tx-check.sarif')) == ['bank/src/main/java/com/acme/bank/TransferService.java']
assert uris(slurp('shop/target/tx-check/tx-check.sarif')) == ['shop/src/main/java/com/acme/shop/OrderImporter.java']
// and carries no path of this machine
assert !new File(basedir, 'bank/target/tx-check/tx-check.sarif').text.contains(basedir.absolutePath)
assert slurp('bank/target/tx-check/tx-check.sarif').runs[0].tool.driver.rules.every { it.help.text && it.help.markdown }
assert !new File(basedir, 'target/tx-check').exists()
// the HTML report shows the flagged code: the module's files are found although Maven ran from the parent
def html = new File(basedir, 'bank/target/tx-check/tx-check.html').text
assert html.contains('<span class="line flagged"><span class="no">10</span>    conn.setAutoCommit(false);</span>')
return true
