def log = new File(basedir, 'build.log').text
assert log.contains('tx-check: bad configuration file (configFile): ')
assert log.contains('tx-check.yml:3')
assert log.contains('excludes')
assert log.contains('docs/configuration.md')
assert log.contains("bad value of the parameter failOn (fatal): unknown level 'fatal'; use error, warning, info or never")
assert !log.contains('[TX001]') : 'no analysis runs on a bad configuration'
return true
