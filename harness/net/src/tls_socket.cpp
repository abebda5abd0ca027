#include <algorithm>
#include <climits>
#include <cstring>
#include <new>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <faultline/net/tls_socket.hpp>

namespace faultline::net {
namespace {

constexpr std::size_t input_capacity = 32 * 1024;  // above the largest record (17 KiB)

// The BIO between OpenSSL and the socket's buffers: reads take from tls_socket's input, writes
// append to its output; an empty input asks OpenSSL to retry (the socket is read then).
int bio_write(BIO* bio, const char* data, std::size_t length, std::size_t* written) {
    auto* self = static_cast<tls_socket*>(BIO_get_data(bio));
    self->output().append(data, length);
    *written = length;
    return 1;
}

int bio_read(BIO* bio, char* data, std::size_t length, std::size_t* read) {
    auto* self = static_cast<tls_socket*>(BIO_get_data(bio));
    BIO_clear_retry_flags(bio);
    const std::size_t n = self->take_input(data, length);
    if (n == 0) {
        BIO_set_retry_read(bio);
        *read = 0;
        return 0;
    }
    *read = n;
    return 1;
}

long bio_ctrl(BIO*, int command, long, void*) {
    return command == BIO_CTRL_FLUSH ? 1 : 0;
}

int bio_create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

const BIO_METHOD* buffer_method() {
    static BIO_METHOD* method = [] {
        BIO_METHOD* m = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "faultline");
        if (m == nullptr)
            throw std::bad_alloc();
        BIO_meth_set_write_ex(m, bio_write);
        BIO_meth_set_read_ex(m, bio_read);
        BIO_meth_set_ctrl(m, bio_ctrl);
        BIO_meth_set_create(m, bio_create);
        return m;
    }();
    return method;
}

// The error of a failed SSL call (`why` from SSL_get_error).
error_code error_of(int why) {
    if (why == SSL_ERROR_ZERO_RETURN)
        return asio::error::eof;
    const unsigned long code = ERR_get_error();
    if (code == 0)
        return asio::error::eof;
    return {static_cast<int>(code), asio::error::get_ssl_category()};
}

int clamp_size(std::size_t n) {
    return n > static_cast<std::size_t>(INT_MAX) ? INT_MAX : static_cast<int>(n);
}

}  // namespace

tls_socket::tls_socket(tcp::socket& socket, const tls_context& context)
    : socket_(socket),
      context_(context),
      ssl_(SSL_new(context.native().native_handle())),
      bio_(BIO_new(buffer_method())),
      input_(input_capacity) {
    if (ssl_ == nullptr || bio_ == nullptr) {
        SSL_free(ssl_);
        BIO_free(bio_);
        throw std::bad_alloc();
    }
    BIO_set_data(bio_, this);
    output_.reserve(4096);
}

tls_socket::~tls_socket() {
    SSL_free(ssl_);  // drops the SSL's reference to bio_
    BIO_free(bio_);
}

std::size_t tls_socket::take_input(char* into, std::size_t length) noexcept {
    const std::size_t n = std::min(length, in_end_ - in_begin_);
    std::memcpy(into, input_.data() + in_begin_, n);
    in_begin_ += n;
    if (in_begin_ == in_end_)
        in_begin_ = in_end_ = 0;
    return n;
}

void tls_socket::start(const std::string& host, SSL_SESSION* session) {
    SSL_clear(ssl_);
    // SSL_clear keeps the last connection's session and would offer it again: only `session`
    // may be offered, and only when the settings resume.
    SSL_set_session(ssl_, nullptr);
    if (SSL_get_rbio(ssl_) != bio_) {
        BIO_up_ref(bio_);  // the SSL's own reference; this object keeps one too
        SSL_set_bio(ssl_, bio_, bio_);
    }
    in_begin_ = in_end_ = 0;
    output_.clear();
    SSL_set_connect_state(ssl_);
    prepare_client(ssl_, context_, host, session);
}

// Runs `call` (an SSL function returning > 0 on success) until it succeeds or fails: sends what
// OpenSSL wrote before reading the socket, which it does whenever OpenSSL wants more, and after
// the call succeeds unless `hold_last` (the output then leaves with the next write or read).
// Its result, or 0 with `ec`.
template <class Call>
asio::awaitable<int> tls_socket::drive(Call call, bool hold_last, error_code& ec) {
    for (;;) {
        ERR_clear_error();
        const int n = call();
        const int why = n > 0 ? SSL_ERROR_NONE : SSL_get_error(ssl_, n);
        if (!output_.empty() && !(n > 0 && hold_last)) {
            co_await asio::async_write(socket_, asio::buffer(output_),
                                       asio::redirect_error(asio::use_awaitable, ec));
            output_.clear();
            if (ec)
                co_return 0;
        }
        if (n > 0) {
            ec = {};
            co_return n;
        }
        if (why == SSL_ERROR_WANT_WRITE)
            continue;  // its output was sent above
        if (why != SSL_ERROR_WANT_READ) {
            ec = error_of(why);
            co_return 0;
        }
        const std::size_t got = co_await socket_.async_read_some(
            asio::buffer(input_.data() + in_end_, input_.size() - in_end_),
            asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return 0;
        in_end_ += got;
    }
}

// The three below are not coroutines themselves: each request's read and write costs one
// coroutine frame (drive's), not two.
asio::awaitable<int> tls_socket::handshake(error_code& ec) {
    SSL* ssl = ssl_;
    // The client's last flight (its Finished) goes out with the first request: one packet and
    // one send fewer per connection. Any read sends it first.
    return drive([ssl] { return SSL_do_handshake(ssl); }, true, ec);
}

asio::awaitable<int> tls_socket::read_some(asio::mutable_buffer into, error_code& ec) {
    SSL* ssl = ssl_;
    return drive([ssl, into] { return SSL_read(ssl, into.data(), clamp_size(into.size())); }, false,
                 ec);
}

asio::awaitable<int> tls_socket::write(asio::const_buffer from, error_code& ec) {
    SSL* ssl = ssl_;
    // Without SSL_MODE_ENABLE_PARTIAL_WRITE, a successful SSL_write has written everything.
    return drive(
        [ssl, from] {
            return from.size() == 0 ? 1 : SSL_write(ssl, from.data(), clamp_size(from.size()));
        },
        false, ec);
}

asio::awaitable<void> tls_socket::flush(error_code& ec) {
    ec = {};
    if (output_.empty())
        co_return;
    co_await asio::async_write(socket_, asio::buffer(output_),
                               asio::redirect_error(asio::use_awaitable, ec));
    output_.clear();
}

void tls_socket::end() noexcept {
    SSL_set_shutdown(ssl_, SSL_SENT_SHUTDOWN | SSL_RECEIVED_SHUTDOWN);
}

}  // namespace faultline::net
