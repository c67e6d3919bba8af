package classify

import (
	"strings"
	"testing"
)

// SQL Server's and Windows' logins, from SQL Server's ERRORLOG and from the
// Security and Application logs forwarded to syslog.
func TestWinLogonLines(t *testing.T) {
	mssql := formatNamed("mssql")
	const esc = "4625: An account failed to log on.#015#012#015#012Subject:#015#012#011Security ID:#011#011S-1-0-0#015#012#011Account Name:#011#011-#015#012#011Account Domain:#011#011-#015#012#011Logon ID:#011#0110x0#015#012#015#012Logon Type:#011#011#0113#015#012#015#012Account For Which Logon Failed:#015#012#011Security ID:#011#011S-1-0-0#015#012#011Account Name:#011#011administrator#015#012#011Account Domain:#011#011#015#012#015#012Failure Information:#015#012#011Failure Reason:#011#011Unknown user name or bad password.#015#012#011Status:#011#011#0110xC000006D#015#012#011Sub Status:#011#0110xC000006A#015#012#015#012Network Information:#015#012#011Workstation Name:#011-#015#012#011Source Network Address:#011198.51.100.60#015#012#011Source Port:#011#01152311"
	runAuthCases(t, []authCase{
		{line: "2026-11-27 10:00:17.52 Logon       Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 198.51.100.50]",
			ip: "198.51.100.50", auth: authFailure, user: "sa", service: "mssql", format: mssql},
		{line: "2026-11-27 10:00:18.00 Logon       Login failed for user 'O'Leary'. Reason: Could not find a login matching the name provided. [CLIENT: 198.51.100.51]",
			ip: "198.51.100.51", auth: authInvalidUser, user: "O'Leary", service: "mssql", format: mssql},
		{line: "2026-11-27 10:00:19.10 Logon       Login succeeded for user 'app'. Connection made using SQL Server authentication. [CLIENT: 198.51.100.52]",
			ip: "198.51.100.52", auth: authSuccess, user: "app", service: "mssql", format: mssql},
		{line: "2026-11-27 10:00:17.52 Logon       Error: 18456, Severity: 14, State: 8.", format: mssql},
		{line: "2026-11-27 10:00:20.62 Logon       Login failed for user 'NT Service\\Query'. Reason: Failed to open the explicitly specified database 'msdb'. [CLIENT: 198.51.100.53]", format: mssql},
		{line: "2026-11-27 10:00:21.00 Logon       Login failed for user ''. Reason: An attempt to login using SQL authentication failed. [CLIENT: <local machine>]", format: mssql},
		{line: "2026-11-27 10:00:00.12 Server      Microsoft SQL Server 2019 (RTM-CU22) (KB5027702) - 15.0.4322.2 (X64)", format: mssql},
		{line: "2026-11-27 10:00:05.33 spid9s      Starting up database 'master'.", format: mssql},
		// The Application log's event 18456 through a forwarder.
		{line: "Nov 27 10:00:22 sql MSSQLSERVER[1800]: Login failed for user 'sa'. Reason: Password did not match that for the login provided. [CLIENT: 198.51.100.54]",
			ip: "198.51.100.54", auth: authFailure, user: "sa", service: "mssql"},
		{line: "Nov 27 10:00:22 sql MSSQL$SQLEXPRESS[1800]: Login failed for user 'admin'. Reason: Could not find a login matching the name provided. [CLIENT: 198.51.100.55]",
			ip: "198.51.100.55", auth: authInvalidUser, user: "admin", service: "mssql"},

		// Event 4625 escaped by rsyslog, flattened by NXLog and by Snare.
		{line: "Nov 27 10:00:23 dc Microsoft-Windows-Security-Auditing[592]: " + esc,
			ip: "198.51.100.60", auth: authFailure, user: "administrator", service: "windows"},
		{line: "Nov 27 10:00:24 dc Microsoft-Windows-Security-Auditing[592]: An account failed to log on.  Subject:  Security ID:  S-1-0-0  Account Name:  -  Account For Which Logon Failed:  Security ID:  S-1-0-0  Account Name:  scanner  Account Domain:  WORKGROUP  Failure Information:  Failure Reason:  Unknown user name or bad password.  Status:  0xC000006D  Sub Status:  0xC0000064  Network Information:  Workstation Name:  kali  Source Network Address:  198.51.100.61  Source Port:  0",
			ip: "198.51.100.61", auth: authInvalidUser, user: "scanner", service: "windows"},
		{line: "Nov 27 10:00:25 dc MSWinEventLog\t1\tSecurity\t12345\tFri Nov 27 10:00:25 2026\t4625\tMicrosoft-Windows-Security-Auditing\tN/A\tN/A\tFailure Audit\tDC\tLogon\t\tAn account failed to log on.    Subject:   Security ID:  S-1-0-0   Account Name:  -    Account For Which Logon Failed:   Security ID:  S-1-0-0   Account Name:  admin    Network Information:   Workstation Name: -   Source Network Address: 2001:db8::62   Source Port:  49152\t12345",
			ip: "2001:db8::62", auth: authFailure, user: "admin", service: "windows"},
		{line: "Nov 27 10:00:26 dc Microsoft-Windows-Security-Auditing[592]: 4624: An account was successfully logged on.#015#012…New Logon:#015#012#011Security ID:#011#011S-1-5-21-1#015#012#011Account Name:#011#011alice#015#012…#011Source Network Address:#011198.51.100.63#015#012#011Source Port:#011#01150000",
			ip: "198.51.100.63", auth: authSuccess, user: "alice", service: "windows"},
		// A local logon, and one from the machine itself: no address.
		{line: "Nov 27 10:00:27 dc Microsoft-Windows-Security-Auditing[592]: 4625: An account failed to log on.#015#012…Account For Which Logon Failed:#015#012#011Account Name:#011#011bob#015#012…#011Source Network Address:#011-#015#012#011Source Port:#011#0110"},
		{line: "Nov 27 10:00:28 dc Microsoft-Windows-Security-Auditing[592]: 4625: An account failed to log on. … Source Network Address: 127.0.0.1 Source Port: 0"},
		{line: "Nov 27 10:00:29 dc Microsoft-Windows-Security-Auditing[592]: 4634: An account was logged off. Subject: Security ID: S-1-5-21-1 Account Name: alice"},
	})
}

// Five failed logons to Windows decide at once; an address that then logs
// on is compromised, one that logged on first stays a user.
func TestWinLogonWindow(t *testing.T) {
	fail := func(ip, sec string) string {
		return "Nov 27 10:00:" + sec + " dc Microsoft-Windows-Security-Auditing[592]: An account failed to log on. Account For Which Logon Failed: Account Name: admin Source Network Address: " + ip + " Source Port: 0"
	}
	var lines []string
	for _, s := range []string{"01", "02", "03", "04", "05"} {
		lines = append(lines, fail("198.51.100.70", s))
	}
	lines = append(lines, fail("198.51.100.71", "06"),
		"2026-11-27 10:00:07.00 Logon       Login succeeded for user 'app'. Connection made using SQL Server authentication. [CLIENT: 198.51.100.71]")
	_, actors, _ := run(t, "", strings.Join(lines, "\n"), Options{})
	if a := actors["198.51.100.70"]; a.Category != BruteForce || len(a.Services) != 1 || a.Services[0] != "windows" {
		t.Errorf("five failures: %v %v", a.Category, a.Services)
	}
	if a := actors["198.51.100.71"]; a.Category != Legit {
		t.Errorf("a failure, then a login: %v", a.Category)
	}
}
