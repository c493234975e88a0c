def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
// the page, rendered by the site with its skin and menu
def page = new File(basedir, 'target/site/tx-check.html')
assert page.isFile()
def html = page.text
assert html.contains('tx-check: transaction bugs')
assert html.contains('1 finding (TX001: 1) in 1 file')
assert html.contains('src/main/java/com/acme/bank/TransferService.java')
assert html.contains('10:5') && html.contains('missing-rollback')
assert html.contains('href="tx-check/tx-check.html"')
// listed among the project reports
assert new File(basedir, 'target/site/project-reports.html').text.contains('tx-check.html')
// and the standalone report with the code beside it
assert new File(basedir, 'target/site/tx-check/tx-check.html').text.contains('conn.setAutoCommit(false);')
return true
