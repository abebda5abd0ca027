#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <faultline/sample/dependency_clients.hpp>

namespace faultline::sample {
namespace {
timeval to_timeval(nanoseconds d) {
    const auto us = std::chrono::duration_cast<std::chrono::microseconds>(d).count();
    return timeval{static_cast<time_t>(us / 1000000), static_cast<suseconds_t>(us % 1000000)};
}
}  // namespace

redis_client::redis_client(std::string host, std::uint16_t port, nanoseconds timeout)
    : host_(std::move(host)), port_(port), timeout_(timeout) {}

redis_client::~redis_client() {
    drop();
}

void redis_client::drop() noexcept {
    if (context_ != nullptr) {
        redisFree(context_);
        context_ = nullptr;
    }
}

expected<void, std::string> redis_client::connect() {
    if (context_ != nullptr)
        return {};
    const auto tv = to_timeval(timeout_);
    context_ = redisConnectWithTimeout(host_.c_str(), port_, tv);
    if (context_ == nullptr)
        return make_unexpected(std::string("redis: out of memory"));
    if (context_->err != 0) {
        std::string why = "redis: " + std::string(context_->errstr);
        drop();
        return make_unexpected(why);
    }
    redisSetTimeout(context_, tv);
    return {};
}

expected<std::optional<std::string>, std::string> redis_client::get(const std::string& key) {
    if (auto connected = connect(); !connected)
        return make_unexpected(connected.error());
    auto* reply =
        static_cast<redisReply*>(redisCommand(context_, "GET %b", key.data(), key.size()));
    if (reply == nullptr) {
        std::string why = "redis: " + std::string(context_->errstr);
        drop();
        return make_unexpected(why);
    }
    expected<std::optional<std::string>, std::string> out;
    if (reply->type == REDIS_REPLY_STRING)
        out = std::optional<std::string>(std::string(reply->str, reply->len));
    else if (reply->type == REDIS_REPLY_NIL)
        out = std::optional<std::string>();
    else
        out = make_unexpected(std::string("redis: unexpected reply to GET"));
    freeReplyObject(reply);
    return out;
}

expected<void, std::string> redis_client::set(const std::string& key, const std::string& value) {
    if (auto connected = connect(); !connected)
        return connected;
    auto* reply = static_cast<redisReply*>(
        redisCommand(context_, "SET %b %b", key.data(), key.size(), value.data(), value.size()));
    if (reply == nullptr) {
        std::string why = "redis: " + std::string(context_->errstr);
        drop();
        return make_unexpected(why);
    }
    const bool ok = reply->type == REDIS_REPLY_STATUS;
    freeReplyObject(reply);
    if (!ok)
        return make_unexpected(std::string("redis: SET refused"));
    return {};
}

}  // namespace faultline::sample
