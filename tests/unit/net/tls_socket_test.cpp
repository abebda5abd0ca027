// net::tls_socket against a TLS server on loopback (Asio's ssl::stream, a certificate made by the
// openssl CLI): requests and answers through one SSL object reused across connections, the
// session resumed on reconnect (and not when none is offered), a rejected certificate, and a
// peer that closes as eof.
#include <cstdlib>
#include <optional>
#include <string>

#include <boost/asio/ssl/stream.hpp>
#include <catch2/catch.hpp>
#include <openssl/ssl.h>

#include <faultline/core/spawn.hpp>
#include <faultline/net/peer_certificate.hpp>
#include <faultline/net/tls_socket.hpp>
#include <faultline/test/support.hpp>

using namespace std::chrono_literals;
namespace asio = boost::asio;
using faultline::error_code;
using faultline::tcp;

namespace {

// A self-signed certificate for "localhost" in a fresh folder (removed with the object).
struct certificate {
    faultline::test::temp_dir dir;
    certificate() {
        const std::string command =
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
            "-keyout " +
            key() + " -out " + cert() +
            " -subj /CN=localhost -addext subjectAltName=DNS:localhost >/dev/null 2>&1";
        REQUIRE(std::system(command.c_str()) == 0);
    }
    std::string cert() const { return (dir.path() / "cert.pem").string(); }
    std::string key() const { return (dir.path() / "key.pem").string(); }
};

// Serves each connection one "ok" answer, then closes without close_notify when `abrupt`, and
// counts the connections whose handshake resumed a session.
struct tls_server {
    asio::ssl::context context{asio::ssl::context::tls_server};
    tcp::acceptor acceptor;
    int accepted = 0;
    int resumed = 0;
    bool abrupt = false;

    tls_server(asio::io_context& ioc, const certificate& c)
        : acceptor(ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
        context.use_certificate_chain_file(c.cert());
        context.use_private_key_file(c.key(), asio::ssl::context::pem);
        faultline::core::spawn(ioc.get_executor(), accept_loop(), "tls server");
    }
    std::uint16_t port() const { return acceptor.local_endpoint().port(); }

    asio::awaitable<void> accept_loop() {
        for (;;) {
            error_code ec;
            auto socket =
                co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                co_return;
            ++accepted;
            asio::ssl::stream<tcp::socket> stream(std::move(socket), context);
            co_await stream.async_handshake(asio::ssl::stream_base::server,
                                            asio::redirect_error(asio::use_awaitable, ec));
            if (ec)
                continue;
            resumed += SSL_session_reused(stream.native_handle()) == 1 ? 1 : 0;
            std::string request(1024, '\0');
            co_await stream.async_read_some(asio::buffer(request),
                                            asio::redirect_error(asio::use_awaitable, ec));
            static const std::string answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
            co_await asio::async_write(stream, asio::buffer(answer),
                                       asio::redirect_error(asio::use_awaitable, ec));
            if (!abrupt)
                co_await stream.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
            stream.lowest_layer().close(ec);
        }
    }
};

std::shared_ptr<const faultline::net::tls_context> client_context(const certificate& c,
                                                                  bool resume = true) {
    faultline::net::tls_settings settings;
    settings.ca = c.cert();
    settings.resume = resume;
    auto made = faultline::net::tls_context::make(settings);
    REQUIRE(made.has_value());
    return *made;
}

struct exchange_result {
    error_code handshake;
    std::string answer;
    error_code end;  // how reading after the answer ended
};

// One connection of `tls` on `socket`: handshake, a request, the answer, then one more read.
exchange_result exchange(asio::io_context& ioc, tcp::socket& socket,
                         faultline::net::tls_socket& tls, std::uint16_t port,
                         SSL_SESSION* session) {
    std::optional<exchange_result> out;
    faultline::core::spawn(
        ioc.get_executor(),
        [&]() -> asio::awaitable<void> {
            exchange_result r;
            socket = tcp::socket(ioc);
            co_await socket.async_connect({asio::ip::make_address("127.0.0.1"), port},
                                          asio::redirect_error(asio::use_awaitable, r.handshake));
            if (!r.handshake) {
                tls.start("localhost", session);
                co_await tls.handshake(r.handshake);
            }
            if (!r.handshake) {
                error_code ec;
                co_await tls.write(asio::buffer(std::string("GET / HTTP/1.1\r\n\r\n")), ec);
                char buffer[256];
                while (r.answer.size() < 40 && !ec) {
                    const int n = co_await tls.read_some(asio::buffer(buffer), ec);
                    r.answer.append(buffer, static_cast<std::size_t>(n));
                }
                co_await tls.read_some(asio::buffer(buffer), r.end);
                tls.end();
            }
            error_code ignored;
            socket.close(ignored);
            out = r;
        },
        "tls client");
    REQUIRE(faultline::test::run_until(
        ioc, [&] { return out.has_value(); }, 5000ms));
    return *out;
}

}  // namespace

TEST_CASE("one SSL object serves many connections, resuming the session it is given",
          "[net][tls_socket]") {
    certificate c;
    asio::io_context ioc;
    tls_server server(ioc, c);
    const auto context = client_context(c);
    tcp::socket socket(ioc);
    faultline::net::tls_socket tls(socket, *context);

    const auto first = exchange(ioc, socket, tls, server.port(), nullptr);
    REQUIRE_FALSE(first.handshake);
    CHECK(first.answer == "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    CHECK(first.end == asio::error::eof);  // close_notify, then the close
    SSL_SESSION* session = SSL_get1_session(tls.native_handle());
    REQUIRE(session != nullptr);
    CHECK(SSL_SESSION_is_resumable(session) == 1);

    // The same SSL object again, offering the session: resumed, and the answer is whole.
    const auto second = exchange(ioc, socket, tls, server.port(), session);
    CHECK_FALSE(second.handshake);
    CHECK(second.answer == first.answer);
    CHECK(SSL_session_reused(tls.native_handle()) == 1);
    // Offering nothing: a full handshake, though the SSL object still knew the last session.
    const auto third = exchange(ioc, socket, tls, server.port(), nullptr);
    CHECK_FALSE(third.handshake);
    CHECK(SSL_session_reused(tls.native_handle()) == 0);
    SSL_SESSION_free(session);
    CHECK(server.accepted == 3);
    CHECK(server.resumed == 1);
}

TEST_CASE("a peer that closes without close_notify is eof; a rejected certificate says why",
          "[net][tls_socket]") {
    certificate c;
    asio::io_context ioc;
    tls_server server(ioc, c);
    server.abrupt = true;
    const auto context = client_context(c);
    tcp::socket socket(ioc);
    faultline::net::tls_socket tls(socket, *context);
    const auto abrupt = exchange(ioc, socket, tls, server.port(), nullptr);
    REQUIRE_FALSE(abrupt.handshake);
    CHECK(abrupt.end == asio::error::eof);
    const auto peer = faultline::net::peer_certificate(tls.native_handle());
    REQUIRE(peer.has_value());
    CHECK(peer->subject == "CN=localhost");
    CHECK(peer->days_left >= 1);

    // Trusting another certificate: the handshake fails as a verification failure.
    certificate other;
    const auto wrong = client_context(other);
    faultline::net::tls_socket rejecting(socket, *wrong);
    const auto rejected = exchange(ioc, socket, rejecting, server.port(), nullptr);
    REQUIRE(rejected.handshake);
    const auto failure =
        faultline::net::read_failure(rejecting.native_handle(), rejected.handshake);
    CHECK(failure.verify);
    CHECK(failure.reason.find("self-signed") != std::string::npos);
}
