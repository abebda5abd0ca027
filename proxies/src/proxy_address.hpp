#pragma once
// The address rules of proxies: an empty listen host binds 127.0.0.1 (never every interface),
// "localhost" is 127.0.0.1, and with loopback_only both sides must be loopback addresses.
#include <string>

#include <faultline/core/asio.hpp>
#include <faultline/core/expected.hpp>

namespace faultline::proxies {

/// A listen or upstream address, parsed and normalised ("127.0.0.1:8080").
struct proxy_address {
    tcp::endpoint endpoint;
    std::string text;
};

/// Parses a listen address; "" and ":PORT" get host 127.0.0.1, "" gets port 0. Errors are
/// messages for "bad request body: ...".
expected<proxy_address, std::string> parse_listen_address(const std::string& text,
                                                          bool loopback_only);

/// Parses an upstream address (host and port required).
expected<proxy_address, std::string> parse_upstream_address(const std::string& text,
                                                            bool loopback_only);

}  // namespace faultline::proxies
