// The source is kept in UTF-8 here so that it can be read; the build sees it in UTF-16LE without a
// byte order mark, which nothing can tell from the bytes alone.
def file = new File(basedir, 'src/main/java/com/acme/bank/TransferService.java')
file.bytes = file.getText('UTF-8').getBytes('UTF-16LE')
return true
