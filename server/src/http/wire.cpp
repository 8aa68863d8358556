#include "http/wire.hpp"

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <cctype>

#include "http/wire_beast.hpp"

namespace portal::http {
namespace bhttp = boost::beast::http;

Method FromBeast(bhttp::verb verb) {
  switch (verb) {
    case bhttp::verb::get: return Method::kGet;
    case bhttp::verb::head: return Method::kHead;
    case bhttp::verb::post: return Method::kPost;
    case bhttp::verb::put: return Method::kPut;
    case bhttp::verb::patch: return Method::kPatch;
    case bhttp::verb::delete_: return Method::kDelete;
    case bhttp::verb::options: return Method::kOptions;
    default: return Method::kOther;
  }
}

Request FromBeastMessage(bhttp::request<bhttp::string_body>& message) {
  Request request;
  request.method = FromBeast(message.method());
  request.target = std::string(message.target());
  auto qmark = request.target.find('?');
  request.path = PercentDecode(std::string_view(request.target).substr(0, qmark), false);
  if (qmark != std::string::npos) request.query = request.target.substr(qmark + 1);
  request.headers.reserve(16);
  for (const auto& field : message) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    request.headers.emplace_back(std::move(name), std::string(field.value()));
  }
  request.body = std::move(message.body());
  return request;
}

std::optional<Request> ParseRequestBytes(std::string_view bytes, std::size_t body_limit) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(body_limit);
  parser.eager(true);
  boost::system::error_code ec;
  // Every byte there is goes in at once; a parser that needs more has reached the end of the stream.
  while (!parser.is_done()) {
    std::size_t used = parser.put(boost::asio::buffer(bytes.data(), bytes.size()), ec);
    bytes.remove_prefix(used);
    if (ec && ec != bhttp::error::need_more) return std::nullopt;
    if (ec || used == 0) {
      ec = {};
      if (!parser.got_some()) return std::nullopt;
      parser.put_eof(ec);
      if (ec || !parser.is_done()) return std::nullopt;
    }
  }
  return FromBeastMessage(parser.get());
}

}  // namespace portal::http
