#include "redis_session.hpp"

#include <new>

#include <hiredis/hiredis.h>

namespace faultline::drivers {
namespace {
constexpr std::size_t read_size = 16 * 1024;
}

redis_session::redis_session(asio::any_io_executor executor,
                             std::shared_ptr<const redis_config> config,
                             std::shared_ptr<net::name_cache> names, std::uint64_t seed)
    : config_(std::move(config)),
      connection_(executor, config_->request_timeout, std::move(names)),
      rng_(seed),
      buffer_(read_size) {
    request_.reserve(256);
    scratch_.reserve(128);
    reset_reader();
}

redis_session::~redis_session() {
    if (reader_ != nullptr)
        redisReaderFree(reader_);
}

void redis_session::reset_reader() {
    if (reader_ != nullptr)
        redisReaderFree(reader_);
    reader_ = redisReaderCreate();
    if (reader_ == nullptr)
        throw std::bad_alloc();
}

void redis_session::close() noexcept {
    connection_.close();
}

asio::awaitable<stats::outcome> redis_session::execute() {
    if (connection_.closed())
        co_return stats::outcome::cancelled;
    if (!connection_.connected()) {
        const auto connected = co_await connection_.connect(
            config_->address, config_->connect_timeout, config_->tls.get());
        if (connected != stats::outcome::ok)
            co_return connected;
        reset_reader();  // nothing of an earlier connection's replies may be left
    }
    core::template_context ctx{&rng_, seq_++, {}};
    config_->command.render(request_, scratch_, ctx);
    connection_.arm(config_->request_timeout);
    error_code ec;
    auto token = asio::redirect_error(asio::use_awaitable, ec);
    if (auto* tls = connection_.tls())
        co_await tls->write(asio::buffer(request_), ec);
    else
        co_await asio::async_write(connection_.socket(), asio::buffer(request_), token);
    if (ec) {
        connection_.disarm();
        co_return connection_.failure(ec);
    }
    const auto result = co_await read_reply();
    connection_.disarm();
    co_return result;
}

asio::awaitable<stats::outcome> redis_session::read_reply() {
    for (;;) {
        void* reply = nullptr;
        if (redisReaderGetReply(reader_, &reply) != REDIS_OK) {
            connection_.drop();
            co_return stats::outcome::protocol;
        }
        if (reply != nullptr) {
            const bool failed = static_cast<redisReply*>(reply)->type == REDIS_REPLY_ERROR;
            freeReplyObject(reply);
            co_return failed ? stats::outcome::check_failed : stats::outcome::ok;
        }
        error_code ec;
        const auto into = asio::buffer(buffer_.data(), buffer_.size());
        std::size_t n = 0;
        if (auto* tls = connection_.tls())
            n = static_cast<std::size_t>(co_await tls->read_some(into, ec));
        else
            n = co_await connection_.socket().async_read_some(
                into, asio::redirect_error(asio::use_awaitable, ec));
        if (ec)
            co_return connection_.failure(ec);
        if (redisReaderFeed(reader_, buffer_.data(), n) != REDIS_OK) {
            connection_.drop();
            co_return stats::outcome::protocol;
        }
    }
}

}  // namespace faultline::drivers
