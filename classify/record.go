package classify

import (
	"net/netip"
	"time"

	"github.com/threatmap/threatmap/threat"
)

// service is the program a line came from, as rules name it in match.service.
type service uint8

const (
	svcNone service = iota
	svcHTTP
	svcSSHD
	svcPostfix
	svcDovecot
	svcFail2ban
	svcCSV
	svcDropbear
	svcExim
	svcSendmail
	svcCourier
	svcCyrus
	svcNginxMail // nginx's mail proxy
	svcVsftpd
	svcProftpd
	svcPureFTPd
	svcFirewall
	svcCowrie
	svcEndlessh
	svcMySQL
	svcAsterisk
	svcRoundcube
	svcGitea
	svcGrafana
	svcVaultwarden
	svcHomeAssistant
	svcSamba
	svcOpenVPN
	svcProxmox
	svcWebmin
	svcNextcloud
	svcPAM // PAM's failure line of a program this package has no parser for
	svcDrupal
	svcPhpMyAdmin
	svcXinetd
	svcPortsentry
	svcScanlogd
	svcWuftpd
	svcHorde
	svcMonit
	svcGuacamole
	svcJellyfin
	svcAuthelia
	svcKeycloak
	svcMongoDB
	svcFreeSWITCH
	svcEjabberd
	svcMurmur
	svcSOGo
	svcMSSQL
	svcWindows
	svcBitwarden
	svcSuhosin
	svcDirectAdmin
	svcFroxlor
	svcCentreon
	svcTine20
	svcSquirrelMail
	svcOpenWebMail
	svcMonitorix
	svcASSP
	svcDomino
	svcKerio
	svcOracleIMS
	svcSRCDS
	svc3proxy
	svcRouterOS
	svcUWIMAP
	svcPerdition
	svcSolidPOP3
	svcGitLab
	svcNRPE
	svcNSD
	svcZNC
	svcSoftEther
	svcScreenSharing
	svcStunnel
	svcQmail
	svcCPanel
	svcSlapd
	svcPostgres
	svcLFD
	svcFortiGate
	svcSynology
	svcArr
	svcExchange
	svcSSHGuard
	svcPfSense
	svcIDS
	svcDante
	svcMosquitto
	svcPaperless
	svcGophernicus
	svcMattermost
	svcLibreswan
	svcKubernetes
	svcAWS
	svcAmavis
	svcNamed
	svcEmby
	svcOmbi
	svcImmich
	svcOverseerr
	svcHarbor
	svcAdGuard
	svcRedmine
	svcTeleport
	svcZimbra
	svcZoneMinder
	svcNavidrome
	svcSSHesame
	svcAxigen
	svcTheHive
	svcMeshCentral
	svcStalwart
	svcElasticpot
	numServices
)

// Sets of services are enumSets (rule conditions, an address's services):
// this constant does not compile once there are more than they hold.
const _ = uint8(enumSetBits - numServices)

// enumSet is a set of values of an enumeration (services, authentication
// kinds, request shapes), a bit each.
type enumSet [2]uint64

const enumSetBits = 128

func (s *enumSet) add(i int)     { s[i>>6] |= 1 << (uint(i) & 63) }
func (s enumSet) has(i int) bool { return s[i>>6]&(1<<(uint(i)&63)) != 0 }

var serviceNames = [numServices]string{
	"", threat.ProgramHTTP, threat.ProgramSSHD, threat.ProgramPostfix,
	threat.ProgramDovecot, threat.ProgramFail2ban, threat.ProgramCSV,
	threat.ProgramDropbear, threat.ProgramExim, threat.ProgramSendmail, threat.ProgramCourier,
	threat.ProgramCyrus, threat.ProgramNginxMail, threat.ProgramVsftpd, threat.ProgramProftpd, threat.ProgramPureFTPd,
	threat.ProgramFirewall, threat.ProgramCowrie, threat.ProgramEndlessh,
	threat.ProgramMySQL, threat.ProgramAsterisk, threat.ProgramRoundcube, threat.ProgramGitea,
	threat.ProgramGrafana, threat.ProgramVaultwarden, threat.ProgramHomeAssistant, threat.ProgramSamba,
	threat.ProgramOpenVPN, threat.ProgramProxmox, threat.ProgramWebmin, threat.ProgramNextcloud,
	threat.ProgramPAM, threat.ProgramDrupal, threat.ProgramPhpMyAdmin, threat.ProgramXinetd,
	threat.ProgramPortsentry, threat.ProgramScanlogd, threat.ProgramWuftpd, threat.ProgramHorde,
	threat.ProgramMonit, threat.ProgramGuacamole, threat.ProgramJellyfin, threat.ProgramAuthelia,
	threat.ProgramKeycloak, threat.ProgramMongoDB, threat.ProgramFreeSWITCH, threat.ProgramEjabberd,
	threat.ProgramMurmur, threat.ProgramSOGo, threat.ProgramMSSQL, threat.ProgramWindows,
	threat.ProgramBitwarden, threat.ProgramSuhosin, threat.ProgramDirectAdmin, threat.ProgramFroxlor,
	threat.ProgramCentreon, threat.ProgramTine20, threat.ProgramSquirrelMail, threat.ProgramOpenWebMail,
	threat.ProgramMonitorix, threat.ProgramASSP, threat.ProgramDomino, threat.ProgramKerio,
	threat.ProgramOracleIMS, threat.ProgramSRCDS, threat.Program3proxy, threat.ProgramRouterOS,
	threat.ProgramUWIMAP, threat.ProgramPerdition, threat.ProgramSolidPOP3,
	threat.ProgramGitLab, threat.ProgramNRPE, threat.ProgramNSD, threat.ProgramZNC,
	threat.ProgramSoftEther, threat.ProgramScreenSharing, threat.ProgramStunnel, threat.ProgramQmail,
	threat.ProgramCPanel, threat.ProgramSlapd, threat.ProgramPostgres,
	threat.ProgramLFD, threat.ProgramFortiGate,
	threat.ProgramSynology, threat.ProgramArr, threat.ProgramExchange,
	threat.ProgramSSHGuard, threat.ProgramPfSense, threat.ProgramIDS,
	threat.ProgramDante, threat.ProgramMosquitto, threat.ProgramPaperless, threat.ProgramGophernicus,
	threat.ProgramMattermost, threat.ProgramLibreswan, threat.ProgramKubernetes, threat.ProgramAWS,
	threat.ProgramAmavis, threat.ProgramNamed,
	threat.ProgramEmby, threat.ProgramOmbi, threat.ProgramImmich, threat.ProgramOverseerr, threat.ProgramHarbor, threat.ProgramAdGuard, threat.ProgramRedmine, threat.ProgramTeleport, threat.ProgramZimbra, threat.ProgramZoneMinder, threat.ProgramNavidrome, threat.ProgramSSHesame, threat.ProgramAxigen,
	threat.ProgramTheHive, threat.ProgramMeshCentral, threat.ProgramStalwart,
	threat.ProgramElasticpot,
}

// authKind is what an authentication line says happened, as rules name it in
// match.auth.
type authKind uint8

const (
	authNone        authKind = iota
	authFailure              // a wrong password for an existing user
	authInvalidUser          // a user that does not exist
	authSuccess              // a successful login
	authPreauth              // an unauthenticated session closed by the client
	authDisconnect           // a connection or disconnection without a verdict
	authTooMany              // the server gave up: too many failures
	authProbe                // not a login at all: banner grabbing, no identification, bad protocol
	authPAMFailure           // pam_unix "authentication failure" (duplicates sshd's own line)
	authFound                // fail2ban matched a failure
	authBan                  // fail2ban banned the address
	authRefused              // refused by policy before any password: tcp wrappers, PermitRootLogin, hosts.deny
	authRelay                // a mail server refused to relay for the client (an open-relay probe)
	numAuthKinds
)

var authNames = [numAuthKinds]string{"", "failure", "invalid_user", "success", "preauth", "disconnect",
	"too_many", "probe", "pam_failure", "found", "ban", "refused", "relay_denied"}

// reqKind is the shape of an HTTP request line, as rules name it in
// match.request.
type reqKind uint8

const (
	reqNone     reqKind = iota // not an HTTP line
	reqNormal                  // METHOD /path PROTO
	reqEmpty                   // "" or "-"
	reqNonHTTP                 // bytes that are not a request line: TLS hellos, RDP cookies, garbage
	reqAbsolute                // absolute URI for a host that is not the site's
	reqConnect                 // CONNECT host:port
	numReqKinds
)

var reqNames = [numReqKinds]string{"", "normal", "empty", "non_http", "absolute_uri", "connect"}

// record is one parsed line. Its byte slices alias the line (or the parser's
// scratch space) and are valid only until the next line is parsed.
type record struct {
	format  Format
	service service
	time    time.Time
	// zoneless: the time had no offset and was read in Options.Location.
	zoneless bool
	peer     netip.Addr // the connecting address as logged
	src      netip.Addr // the source after trusted-proxy resolution
	repeat   int        // how many occurrences the line stands for (syslog "message repeated N times")
	// echo marks a line that repeats an attempt another line of the same
	// connection already counts (PAM's failure beside sshd's, a
	// disconnect after failures): it is classified but does not add to
	// the failures counted.
	echo bool

	// HTTP
	host    []byte // virtual host (vhost_combined, error logs)
	method  []byte
	target  []byte // request target, raw
	status  int
	agent   []byte
	referer []byte // the Referer field ("-": none)
	headers []byte // the first quoted field after the agent (X-Forwarded-For …), raw
	req     reqKind
	// badVersion: a request line with a method whose HTTP version is
	// absent or not one HTTP has ("GET /", "GET / HTTP/9.9", "GET / XYZ").
	badVersion bool
	hasAgent   bool
	forwarded  []byte // X-Forwarded-For / CF-Connecting-IP field, raw

	// authentication
	auth authKind
	user []byte
	jail []byte

	// error logs and syslog
	message []byte

	// firewall packets: scanKey of the destination
	scan uint64

	// CSV rows carry their verdict
	category Category
	rule     []byte

	// conn names a connection a daemon logs over several lines, only the
	// first of which holds the address (see connKey): a line with connOpen
	// gives the connection's address; a later line of it without an
	// address takes that one.
	conn     uint64
	connOpen bool
	pid      []byte // the syslog tag's process id ("sshd[123]": 123)
}

func (r *record) reset() {
	*r = record{repeat: 1}
}

// connKey names a connection of a daemon: its service, its process and the
// connection's number within it (0 for a process per connection).
func connKey(svc service, pid []byte, conn []byte) uint64 {
	h := uint64(14695981039346656037) ^ uint64(svc)
	for _, b := range [2][]byte{pid, conn} {
		for _, c := range b {
			h = (h ^ uint64(c)) * 1099511628211
		}
		h = (h ^ 0xff) * 1099511628211
	}
	return h | 1
}
