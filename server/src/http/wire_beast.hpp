#pragma once
// For server.cpp and wire.cpp only: Boost.Beast's message turned into the HTTP layer's Request.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include "http/message.hpp"

namespace portal::http {

Method FromBeast(boost::beast::http::verb verb);

// Method, target, decoded path, query, lower-case headers; the body is moved out of `message`.
Request FromBeastMessage(boost::beast::http::request<boost::beast::http::string_body>& message);

}  // namespace portal::http
