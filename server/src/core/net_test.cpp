#include "core/net.hpp"

#include <gtest/gtest.h>

namespace portal {
namespace {

std::vector<IpNetwork> Networks(std::string_view text) {
  auto parsed = ParseIpNetworks(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(std::vector<IpNetwork>{});
}

TEST(IpNetwork, ParsesAddressesAndNetworksOfBothFamilies) {
  auto nets = Networks("10.0.0.0/8, 192.168.1.7 ,fd00::/8,::1");
  ASSERT_EQ(nets.size(), 4u);
  EXPECT_TRUE(IsTrusted("10.200.3.4", nets));
  EXPECT_TRUE(IsTrusted("::ffff:10.1.1.1", nets));  // an IPv4-mapped peer on a dual-stack socket
  EXPECT_TRUE(IsTrusted("192.168.1.7", nets));
  EXPECT_FALSE(IsTrusted("192.168.1.8", nets));
  EXPECT_TRUE(IsTrusted("fd12:3456::1", nets));
  EXPECT_TRUE(IsTrusted("::1", nets));
  EXPECT_FALSE(IsTrusted("fe80::1", nets));
  EXPECT_FALSE(IsTrusted("not-an-address", nets));
  EXPECT_TRUE(Networks("").empty());
  EXPECT_FALSE(IsTrusted("10.0.0.1", {}));
}

TEST(IpNetwork, RefusesWhatIsNotANetwork) {
  for (auto bad : {"10.0.0.0/33", "10.0.0.0/", "10.0.0.0/x", "::/129", "example.com", "10.0.0.256", "1.2.3.4/8/9"}) {
    auto parsed = ParseIpNetwork(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
  }
  EXPECT_FALSE(ParseIpNetworks("10.0.0.0/8, nope").has_value());
}

TEST(IpNetwork, AnIpv4NetworkHoldsNoIpv6AddressOutsideTheMappedRange) {
  auto nets = Networks("0.0.0.0/0");
  EXPECT_TRUE(IsTrusted("203.0.113.9", nets));
  EXPECT_FALSE(IsTrusted("2001:db8::1", nets));
}

TEST(ClientAddress, AnUntrustedPeerIsTheClientWhateverItClaims) {
  auto trusted = Networks("127.0.0.1");
  EXPECT_EQ(ClientAddress("198.51.100.4", {"10.9.9.9"}, trusted), "198.51.100.4");
  EXPECT_EQ(ClientAddress("127.0.0.1", {"10.9.9.9"}, {}), "127.0.0.1");
}

TEST(ClientAddress, ATrustedProxyNamesTheClientFromTheRight) {
  auto trusted = Networks("127.0.0.1, 10.0.0.0/8");
  // nginx appends the address it saw; whatever the client wrote before it is not believed.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"198.51.100.1, 203.0.113.7"}, trusted), "203.0.113.7");
  // Two trusted proxies in a row are skipped.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"203.0.113.7, 10.1.2.3"}, trusted), "203.0.113.7");
  // Several headers are one list, in order.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"198.51.100.1", "203.0.113.7"}, trusted), "203.0.113.7");
  // Nothing forwarded: the proxy itself.
  EXPECT_EQ(ClientAddress("127.0.0.1", {}, trusted), "127.0.0.1");
  // All trusted: the leftmost.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"10.0.0.5"}, trusted), "10.0.0.5");
  // A malformed hop ends the walk at the last good one.
  EXPECT_EQ(ClientAddress("127.0.0.1", {"203.0.113.7, garbage"}, trusted), "127.0.0.1");
  EXPECT_EQ(ClientAddress("::ffff:127.0.0.1", {"2001:db8::7"}, trusted), "2001:db8::7");
}

TEST(Loopback, KnowsBothFamilies) {
  EXPECT_TRUE(IsLoopback("127.0.0.1"));
  EXPECT_TRUE(IsLoopback("127.3.2.1"));
  EXPECT_TRUE(IsLoopback("::1"));
  EXPECT_TRUE(IsLoopback("::ffff:127.0.0.1"));
  EXPECT_FALSE(IsLoopback("10.0.0.1"));
  EXPECT_FALSE(IsLoopback(""));
}

}  // namespace
}  // namespace portal
