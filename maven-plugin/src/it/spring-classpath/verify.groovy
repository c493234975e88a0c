// The plugin passes the resolved classpath (acme-db's classes, spring-tx) to the engine, so it
// knows that the inherited txManager is a PlatformTransactionManager and finds the missing rollback.
def log = new File(basedir, 'build.log').text
assert log =~ /\[ERROR\] orders\/src\/main\/java\/com\/acme\/orders\/OrderDao.java:15:\d+: error: \[TX001\] /

// The CLI on the same sources without a classpath cannot know txManager's type: it stays quiet.
def cli = { List<String> args ->
  def command = ['java', '-jar', cliJar] + args
  def process = new ProcessBuilder(command).directory(basedir).redirectErrorStream(true).start()
  def output = process.inputStream.text
  process.waitFor()
  println "cli ${args}: exit ${process.exitValue()}\n${output}"
  [process.exitValue(), output]
}
def (bareExit, bareOut) = cli(['orders/src/main/java'])
assert bareExit == 0
assert !bareOut.contains('[TX001]')
// Given the library's classes, the CLI agrees with the plugin.
def (cpExit, cpOut) = cli(['--classpath', 'acme-db/target/classes', 'orders/src/main/java'])
assert cpExit == 1
assert cpOut.contains('orders/src/main/java/com/acme/orders/OrderDao.java:15:')
return true
