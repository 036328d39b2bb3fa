def log = new File(basedir, 'build.log').text
assert log.contains('consumer-check OK: sum=42 module=dev.spindle.core channels=dev.spindle.channels')
assert log.contains('consumer-check OK: http=Hello, consumer! module=dev.spindle.http')
assert log.contains('consumer-check OK: cluster answer=42 module=dev.spindle.cluster')
assert log.contains('consumer-check OK: two members on the module path, total=250')
return true
