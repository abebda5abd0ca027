#include "http_session.hpp"

#include <cstring>

#include <nlohmann/json.hpp>

#include <faultline/drivers/response_check.hpp>

namespace faultline::drivers {
namespace {
constexpr std::size_t initial_buffer = 16 * 1024;

}  // namespace

http_session::http_session(asio::any_io_executor executor,
                           std::shared_ptr<const http_config> config,
                           std::shared_ptr<net::name_cache> names, std::uint64_t seed)
    : config_(std::move(config)),
      names_(names),
      connection_(executor, config_->request_timeout, std::move(names)),
      rng_(seed),
      buffer_(initial_buffer) {
    request_.reserve(1024);
    body_scratch_.reserve(256);
}

http_session::~http_session() = default;

void http_session::close() noexcept {
    connection_.close();
    if (setup_connection_)
        setup_connection_->close();
}

void http_session::drop_connection(client_connection& conn) noexcept {
    conn.drop();
    begin_ = end_ = 0;
}

stats::outcome http_session::transport_failure(client_connection& conn,
                                               const error_code& ec) noexcept {
    const auto kind = conn.failure(ec);
    begin_ = end_ = 0;
    return kind;
}

asio::awaitable<stats::outcome> http_session::connect(client_connection& conn,
                                                      const http_request_template& request,
                                                      stats::request_phases* phases) {
    const auto connected =
        co_await conn.connect(request.target(), config_->connect_timeout, request.tls(), phases);
    begin_ = end_ = 0;
    co_return connected;
}

asio::awaitable<stats::outcome> http_session::run_setup() {
    const auto& setup = *config_->setup;
    const auto* own_tls = setup.tls();
    const auto* main_tls = config_->request.tls();
    const bool same_tls = own_tls == nullptr
                              ? main_tls == nullptr
                              : main_tls != nullptr && own_tls->settings() == main_tls->settings();
    const bool separate = !(setup.target() == config_->request.target()) || !same_tls;
    if (separate && !setup_connection_) {
        setup_connection_ = std::make_unique<client_connection>(connection_.executor(),
                                                                config_->request_timeout, names_);
    }
    client_connection& conn = separate ? *setup_connection_ : connection_;
    auto result = stats::outcome::ok;
    if (!conn.connected())
        result = co_await connect(conn, setup);
    if (result == stats::outcome::ok)
        result = co_await exchange(conn, setup, true);
    if (result == stats::outcome::ok)
        result = judge_response(parser_.status(), parser_.body(), config_->setup_check);
    if (result == stats::outcome::ok)
        result = run_captures();
    if (separate && !connection_.closed()) {
        drop_connection(conn);
        setup_connection_.reset();
    }
    co_return result;
}

asio::awaitable<stats::outcome> http_session::execute() {
    phases_valid_ = false;
    if (connection_.closed())
        co_return stats::outcome::cancelled;
    if (config_->setup && !setup_done_) {
        const auto setup = co_await run_setup();
        if (setup != stats::outcome::ok)
            co_return setup;
        setup_done_ = true;
    }
    phases_.clear();
    const auto started = clock::now();
    if (!connection_.connected()) {
        auto connected = co_await connect(connection_, config_->request, &phases_);
        if (connected != stats::outcome::ok)
            co_return connected;
    }
    auto result = co_await exchange(connection_, config_->request, needs_body(config_->check));
    if (result == stats::outcome::ok) {
        phases_.set(stats::phase::total, clock::now() - started);
        phases_valid_ = true;
        result = judge_response(parser_.status(), parser_.body(), config_->check);
    }
    co_return result;
}

asio::awaitable<stats::outcome> http_session::exchange(client_connection& conn,
                                                       const http_request_template& request,
                                                       bool keep_body) {
    if (conn.tls() != nullptr)
        return exchange_on<true>(conn, request, keep_body);
    return exchange_on<false>(conn, request, keep_body);
}

template <bool Tls>
asio::awaitable<stats::outcome> http_session::exchange_on(client_connection& conn,
                                                          const http_request_template& request,
                                                          bool keep_body) {
    core::template_context ctx{&rng_, seq_++, vars_};
    request.render(request_, body_scratch_, ctx);
    conn.arm(config_->request_timeout);
    write_started_ = clock::now();
    first_byte_ = {};
    error_code ec;
    if constexpr (Tls)
        co_await conn.tls()->write(asio::buffer(request_), ec);
    else
        co_await asio::async_write(conn.socket(), asio::buffer(request_),
                                   asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        conn.disarm();
        co_return transport_failure(conn, ec);
    }
    parser_.reset(keep_body, request.is_head());
    auto result = co_await read_response<Tls>(conn);
    conn.disarm();
    if (result == stats::outcome::ok) {
        // Bytes already buffered before the request went out (a server that sent ahead).
        if (first_byte_ == clock::time_point{})
            first_byte_ = write_started_;
        phases_.set(stats::phase::ttfb, first_byte_ - write_started_);
        phases_.set(stats::phase::receive, clock::now() - first_byte_);
    }
    // The server said Connection: close, or the workload wants a fresh connection per request.
    if (result == stats::outcome::ok && (!parser_.keep_alive() || !config_->keep_alive))
        drop_connection(conn);
    co_return result;
}

template <bool Tls>
asio::awaitable<stats::outcome> http_session::read_response(client_connection& conn) {
    for (;;) {
        if (begin_ < end_) {
            std::string_view pending(buffer_.data() + begin_, end_ - begin_);
            begin_ += parser_.feed(pending);
            if (parser_.failed()) {
                drop_connection(conn);
                co_return stats::outcome::protocol;
            }
            if (parser_.done())
                co_return stats::outcome::ok;
        }
        if (begin_ == end_) {
            begin_ = end_ = 0;
        } else if (end_ == buffer_.size()) {
            // An incomplete head fills the buffer: move it to the front, grow if still full.
            std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
            end_ -= begin_;
            begin_ = 0;
            if (end_ == buffer_.size())
                buffer_.resize(buffer_.size() * 2);
        }
        error_code ec;
        const auto into = asio::buffer(buffer_.data() + end_, buffer_.size() - end_);
        std::size_t n = 0;
        if constexpr (Tls)
            n = static_cast<std::size_t>(co_await conn.tls()->read_some(into, ec));
        else
            n = co_await conn.socket().async_read_some(
                into, asio::redirect_error(asio::use_awaitable, ec));
        if (n > 0 && first_byte_ == clock::time_point{})
            first_byte_ = clock::now();
        end_ += n;
        if (ec == asio::error::eof && !conn.closed() && !conn.timed_out()) {
            if (begin_ < end_)
                continue;  // parse what came with the close first
            parser_.on_eof();
            drop_connection(conn);
            co_return parser_.done() ? stats::outcome::ok : stats::outcome::eof;
        }
        if (ec)
            co_return transport_failure(conn, ec);
    }
}

stats::outcome http_session::run_captures() {
    std::optional<nlohmann::json> json;
    for (const auto& capture : config_->captures) {
        std::string value;
        if (!capture.header.empty()) {
            value = std::string(parser_.header(capture.header));
        } else {
            if (!json) {
                json = nlohmann::json::parse(parser_.body(), nullptr, false);
                if (json->is_discarded())
                    return stats::outcome::check_failed;
            }
            nlohmann::json::json_pointer pointer(capture.json_pointer);
            if (!json->contains(pointer))
                return stats::outcome::check_failed;
            const auto& node = (*json)[pointer];
            value = node.is_string() ? node.get<std::string>() : node.dump();
        }
        if (value.empty())
            return stats::outcome::check_failed;
        vars_.emplace_back(capture.var, std::move(value));
    }
    return stats::outcome::ok;
}

}  // namespace faultline::drivers
