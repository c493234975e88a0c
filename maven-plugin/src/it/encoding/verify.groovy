def log = new File(basedir, 'build.log').text
// project.build.sourceEncoding decoded the file: the finding is reported at its line
assert log.contains('src/main/java/com/acme/bank/TransferService.java:10')
assert log.contains('[TX001]')
// with another encoding it is a warning that says why, and what to do
assert log.contains('[WARNING] tx-check: src/main/java/com/acme/bank/TransferService.java: cannot decode: NUL characters in the text read as ISO-8859-1')
assert log.contains('project.build.sourceEncoding')
return true
