#pragma once
// IP addresses and networks for the reverse-proxy rules (docs/deploy.md "Behind a proxy"): which
// peers may tell us the client's address, and what that address is.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace portal {

// An IPv4 or IPv6 address; IPv4 is kept as an IPv4-mapped IPv6 address so that "::ffff:10.0.0.1"
// and "10.0.0.1" are the same address.
struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool v4 = false;
  std::string ToString() const;
};

std::optional<IpAddress> ParseIpAddress(std::string_view text);

struct IpNetwork {
  IpAddress base;
  int prefix = 0;  // in bits of the 128-bit form
  bool Contains(const IpAddress& address) const;
};

// "10.0.0.0/8", "fd00::/8", or a single address ("127.0.0.1" = /32, "::1" = /128).
Result<IpNetwork> ParseIpNetwork(std::string_view text);
// A comma-separated list of networks; an empty text is an empty list.
Result<std::vector<IpNetwork>> ParseIpNetworks(std::string_view text);

bool IsLoopback(std::string_view address);

// The client's address for a request that reached us from `peer` carrying these
// X-Forwarded-For values (every such header, in order). Only a trusted peer may forward: the
// list is read from the right, skipping trusted proxies, and the first address that is not one
// is the client. A malformed entry ends the walk at the last good hop; an untrusted peer's
// header is ignored.
std::string ClientAddress(std::string_view peer, const std::vector<std::string_view>& forwarded_for,
                          const std::vector<IpNetwork>& trusted);
bool IsTrusted(std::string_view address, const std::vector<IpNetwork>& trusted);

}  // namespace portal
