package devserver

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// HostAllowed reports whether the request's Host header names the address
// the connection arrived on: localhost, 127.0.0.1 or [::1] when that address
// is a loopback one, or the address itself, always with its port. Anything
// else is refused, so a web page whose own name has been pointed at this
// computer (DNS rebinding) cannot read the preview, its drafts or its event
// stream.
func HostAllowed(r *http.Request) bool {
	local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
	if !ok {
		return false
	}
	at, err := netip.ParseAddrPort(local.String())
	if err != nil {
		return false
	}
	host, port, err := net.SplitHostPort(r.Host)
	if err != nil {
		// No port: only the default one could be meant.
		host, port = r.Host, "80"
		if strings.Contains(host, ":") && !strings.HasPrefix(host, "[") {
			return false
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	}
	if port != strconv.Itoa(int(at.Port())) {
		return false
	}
	ip := at.Addr().Unmap()
	if strings.EqualFold(host, "localhost") {
		return ip.IsLoopback()
	}
	named, err := netip.ParseAddr(host)
	if err != nil || named.Zone() != "" {
		return false
	}
	named = named.Unmap()
	if named == ip {
		return true
	}
	// A preview bound to every address prints 0.0.0.0 (or [::]) as its
	// address; a browser on this computer sends that name.
	if named.IsUnspecified() && ip.IsLoopback() {
		return true
	}
	// 127.0.0.1 and [::1] name this computer whichever loopback address the
	// connection used.
	return ip.IsLoopback() && (named == loopback4 || named == netip.IPv6Loopback())
}

var loopback4 = netip.AddrFrom4([4]byte{127, 0, 0, 1})
