#pragma once
/// TLS over a connected TCP socket with one SSL object for every connection of its slot
/// (SSL_clear between them, as wrk does), fed through a BIO of its own: OpenSSL reads the bytes
/// this object received and writes into a buffer this object sends, with Asio's ordinary reads
/// and writes on the socket. Asio's ssl::stream instead costs, per connection, an SSL_new and
/// SSL_free, a BIO pair and 34 KiB of zeroed buffers, and copies every byte twice: on a fresh
/// connection per request that made resumed handshakes cost a third more generator CPU.
#include <cstddef>
#include <string>
#include <vector>

#include <faultline/core/asio.hpp>
#include <faultline/net/tls_context.hpp>

namespace faultline::net {

class tls_socket {
public:
    /// An SSL object of `context` for the connections of `socket`. Both must outlive this; the
    /// socket may be closed and opened again between connections (start() follows it).
    tls_socket(tcp::socket& socket, const tls_context& context);
    ~tls_socket();
    tls_socket(const tls_socket&) = delete;
    tls_socket& operator=(const tls_socket&) = delete;

    /// Readies the SSL object for a new connection on the socket: the previous connection's
    /// state and bytes cleared, SNI and the certificate's name check for `host` (or the
    /// settings' server_name), `session` offered when the settings resume (null: none).
    void start(const std::string& host, SSL_SESSION* session);

    /// The client handshake; `ec` is empty on success. Ends early when the socket is closed.
    /// The client's last handshake message is sent with the first write (or before the first
    /// read): call write() or read_some() next, or flush() before closing if it matters.
    asio::awaitable<int> handshake(error_code& ec);
    /// Reads some plaintext into `into`: the count (at least 1). On failure 0 and `ec`:
    /// eof when the peer closed (with close_notify or without), operation_aborted when the
    /// socket was closed here, else the socket's or OpenSSL's error (ssl category).
    asio::awaitable<int> read_some(asio::mutable_buffer into, error_code& ec);
    /// Writes all of `from` (> 0 on success); `ec` as read_some's.
    asio::awaitable<int> write(asio::const_buffer from, error_code& ec);

    /// Sends what OpenSSL wrote and was held (the handshake's last message).
    asio::awaitable<void> flush(error_code& ec);

    /// Marks the current connection as shut down (nothing is sent), so that OpenSSL keeps its
    /// session resumable when the SSL object is cleared for the next one.
    void end() noexcept;

    SSL* native_handle() const noexcept { return ssl_; }
    const tls_context& context() const noexcept { return context_; }

    /// For the BIO only: what OpenSSL wrote and this object has not sent yet.
    std::string& output() noexcept { return output_; }
    /// For the BIO only: moves up to `length` received bytes into `into`; 0 when none.
    std::size_t take_input(char* into, std::size_t length) noexcept;

private:
    template <class Call>
    asio::awaitable<int> drive(Call call, bool hold_last, error_code& ec);

    tcp::socket& socket_;
    const tls_context& context_;
    SSL* ssl_;
    BIO* bio_;
    std::vector<char> input_;  // received from the socket; [in_begin_, in_end_) not yet taken
    std::size_t in_begin_ = 0;
    std::size_t in_end_ = 0;
    std::string output_;  // written by OpenSSL, sent after each SSL call
};

}  // namespace faultline::net
