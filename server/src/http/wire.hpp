#pragma once
// The bytes of one HTTP/1.1 request turned into a Request, with the server's own parser and
// limits (the fuzz target of the request parser uses it; the server reads from a socket instead).

#include <cstddef>
#include <optional>
#include <string_view>

#include "http/message.hpp"

namespace portal::http {

// The largest request header the server reads (request line and fields).
inline constexpr std::size_t kHeaderLimit = 16 * 1024;

// Method, target, decoded path, query, lower-case headers and body of the request `bytes` hold;
// nullopt when they are not one complete, well-formed request within the limits.
std::optional<Request> ParseRequestBytes(std::string_view bytes, std::size_t body_limit);

}  // namespace portal::http
