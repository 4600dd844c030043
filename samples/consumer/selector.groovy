// The consumer creates a namespace and links: it needs CAP_NET_ADMIN and CAP_SYS_ADMIN. Outside CI a
// build without them skips it; under CI (CI=true) it always runs, so a missing privilege fails loudly.
def capEff = new File('/proc/self/status').readLines().find { it.startsWith('CapEff:') }
def caps = capEff ? new BigInteger(capEff.split(/\s+/)[1], 16) : BigInteger.ZERO
return (caps.testBit(12) && caps.testBit(21)) || System.getenv('CI') == 'true'
