// Port blocking: browsers never fetch from the ports of other protocols (mail, IRC, printers,
// ...), so that no page can make a browser speak HTTP to those services
// (https://fetch.spec.whatwg.org/#port-blocking). A fetch() or a redirect to one is a network
// error before anything is sent.

/** The Fetch Standard's bad ports (https://fetch.spec.whatwg.org/#bad-port), with their services. */
export const BAD_PORTS: ReadonlyMap<number, string> = new Map([
  [0, 'no service'], [1, 'tcpmux'], [7, 'echo'], [9, 'discard'], [11, 'systat'], [13, 'daytime'], [15, 'netstat'],
  [17, 'qotd'], [19, 'chargen'], [20, 'ftp-data'], [21, 'ftp'], [22, 'ssh'], [23, 'telnet'], [25, 'smtp'],
  [37, 'time'], [42, 'name'], [43, 'nicname'], [53, 'domain'], [69, 'tftp'], [77, 'priv-rjs'], [79, 'finger'],
  [87, 'ttylink'], [95, 'supdup'], [101, 'hostname'], [102, 'iso-tsap'], [103, 'gppitnp'], [104, 'acr-nema'],
  [109, 'pop2'], [110, 'pop3'], [111, 'sunrpc'], [113, 'auth'], [115, 'sftp'], [117, 'uucp-path'], [119, 'nntp'],
  [123, 'ntp'], [135, 'epmap'], [137, 'netbios-ns'], [139, 'netbios-ssn'], [143, 'imap'], [161, 'snmp'],
  [179, 'bgp'], [389, 'ldap'], [427, 'svrloc'], [465, 'submissions'], [512, 'exec'], [513, 'login'],
  [514, 'shell'], [515, 'printer'], [526, 'tempo'], [530, 'courier'], [531, 'chat'], [532, 'netnews'],
  [540, 'uucp'], [548, 'afp'], [554, 'rtsp'], [556, 'remotefs'], [563, 'nntps'], [587, 'submission'],
  [601, 'syslog-conn'], [636, 'ldaps'], [989, 'ftps-data'], [990, 'ftps'], [993, 'imaps'], [995, 'pop3s'],
  [1719, 'h323gatestat'], [1720, 'h323hostcall'], [1723, 'pptp'], [2049, 'nfs'], [3659, 'apple-sasl'],
  [4045, 'npp'], [4190, 'sieve'], [5060, 'sip'], [5061, 'sips'], [6000, 'x11'], [6566, 'sane-port'],
  [6665, 'ircu'], [6666, 'ircu'], [6667, 'ircu'], [6668, 'ircu'], [6669, 'ircu'], [6679, 'osaut'],
  [6697, 'ircs-u'], [10080, 'amanda'],
]);

/**
 * The bad port a fetch of `url` would be blocked on, or undefined: an http(s) URL whose port
 * is written and bad (a default port never is).
 */
export function badPort(url: URL): number | undefined {
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.port === '') return undefined;
  const port = Number(url.port);
  return BAD_PORTS.has(port) ? port : undefined;
}

/** The failing step's words for a fetch, or a redirect (`redirected`), to the bad `port`. */
export function badPortWords(port: number, redirected: boolean): { title: string; detail: string; fix: string } {
  return {
    title: `browsers refuse to ${redirected ? 'follow a redirect' : 'connect'} to port ${port}`,
    detail: `${port} (${BAD_PORTS.get(port)}) is one of the Fetch Standard's bad ports: the fetch fails with a network error and nothing is sent`,
    fix: redirected
      ? `redirect to a port browsers fetch from (443, 80, 8443, 3000, ...), never ${port}`
      : `serve the API on a port browsers fetch from (443, 80, 8443, 3000, ...): no browser fetches from ${port}`,
  };
}
