#include "core/net.hpp"

#include <arpa/inet.h>

#include <charconv>
#include <cstring>

namespace portal {
namespace {

std::string Quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('\'');
  out.append(text);
  out.push_back('\'');
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string IpAddress::ToString() const {
  char buffer[INET6_ADDRSTRLEN] = {};
  if (v4) {
    inet_ntop(AF_INET, bytes.data() + 12, buffer, sizeof buffer);
  } else {
    inet_ntop(AF_INET6, bytes.data(), buffer, sizeof buffer);
  }
  return buffer;
}

std::optional<IpAddress> ParseIpAddress(std::string_view text) {
  text = Trim(text);
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
  std::string s(text);
  IpAddress address;
  if (inet_pton(AF_INET, s.c_str(), address.bytes.data() + 12) == 1) {
    address.bytes[10] = address.bytes[11] = 0xff;
    address.v4 = true;
    return address;
  }
  if (inet_pton(AF_INET6, s.c_str(), address.bytes.data()) == 1) {
    static constexpr std::uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    address.v4 = std::memcmp(address.bytes.data(), kMapped, sizeof kMapped) == 0;
    return address;
  }
  return std::nullopt;
}

bool IpNetwork::Contains(const IpAddress& address) const {
  int bits = prefix;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((address.bytes[i] & mask) != (base.bytes[i] & mask)) return false;
  }
  return true;
}

Result<IpNetwork> ParseIpNetwork(std::string_view text) {
  text = Trim(text);
  auto slash = text.find('/');
  auto address = ParseIpAddress(text.substr(0, slash));
  if (!address) return Fail(Error::InvalidArgument(Quoted(text) + " is not an IP address or network"));
  IpNetwork network{*address, 128};
  if (slash != std::string_view::npos) {
    auto digits = text.substr(slash + 1);
    int length = -1;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), length);
    int max = address->v4 ? 32 : 128;
    if (ec != std::errc() || ptr != digits.data() + digits.size() || digits.empty() || length < 0 || length > max) {
      return Fail(Error::InvalidArgument(Quoted(text) + ": the prefix length must be 0 to " + std::to_string(max)));
    }
    network.prefix = address->v4 ? 96 + length : length;
  }
  return network;
}

Result<std::vector<IpNetwork>> ParseIpNetworks(std::string_view text) {
  std::vector<IpNetwork> networks;
  while (!Trim(text).empty()) {
    auto comma = text.find(',');
    auto network = ParseIpNetwork(text.substr(0, comma));
    if (!network) return Fail(network.error());
    networks.push_back(*network);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return networks;
}

bool IsLoopback(std::string_view text) {
  auto address = ParseIpAddress(text);
  if (!address) return false;
  if (address->v4) return address->bytes[12] == 127;
  static constexpr std::uint8_t kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  return std::memcmp(address->bytes.data(), kLoopback, 16) == 0;
}

bool IsTrusted(std::string_view text, const std::vector<IpNetwork>& trusted) {
  if (trusted.empty()) return false;
  auto address = ParseIpAddress(text);
  if (!address) return false;
  for (const auto& network : trusted) {
    if (network.Contains(*address)) return true;
  }
  return false;
}

std::string ClientAddress(std::string_view peer, const std::vector<std::string_view>& forwarded_for,
                          const std::vector<IpNetwork>& trusted) {
  auto peer_address = ParseIpAddress(peer);
  std::string client = peer_address ? peer_address->ToString() : std::string(peer);
  if (!IsTrusted(peer, trusted)) return client;
  std::vector<std::string_view> hops;
  for (auto header : forwarded_for) {
    while (true) {
      auto comma = header.find(',');
      hops.push_back(Trim(header.substr(0, comma)));
      if (comma == std::string_view::npos) break;
      header.remove_prefix(comma + 1);
    }
  }
  for (auto it = hops.rbegin(); it != hops.rend(); ++it) {
    auto hop = ParseIpAddress(*it);
    if (!hop) break;
    client = hop->ToString();
    if (!IsTrusted(client, trusted)) break;
  }
  return client;
}

}  // namespace portal
