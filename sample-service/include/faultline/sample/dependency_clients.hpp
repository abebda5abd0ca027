#pragma once
/// Blocking clients of the real store's dependencies, each call bounded by the dependency
/// timeout (--dep-timeout). They run on the store's blocking threads, never on an io thread.
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <faultline/core/clock.hpp>
#include <faultline/core/expected.hpp>

struct redisContext;
struct pg_conn;

namespace faultline::sample {

/// One Redis connection (hiredis, blocking with socket timeouts). A failed call drops the
/// connection; the next call connects again.
class redis_client {
public:
    redis_client(std::string host, std::uint16_t port, nanoseconds timeout);
    ~redis_client();
    redis_client(const redis_client&) = delete;
    redis_client& operator=(const redis_client&) = delete;

    /// GET: the value, or nullopt when the key does not exist.
    expected<std::optional<std::string>, std::string> get(const std::string& key);
    /// SET key value.
    expected<void, std::string> set(const std::string& key, const std::string& value);

private:
    expected<void, std::string> connect();
    void drop() noexcept;

    std::string host_;
    std::uint16_t port_;
    nanoseconds timeout_;
    redisContext* context_ = nullptr;
};

/// One PostgreSQL connection (libpq, non-blocking, waiting with poll() until the timeout).
/// A failed call drops the connection; the next call connects again.
class pg_client {
public:
    pg_client(std::string conninfo, nanoseconds timeout);
    ~pg_client();
    pg_client(const pg_client&) = delete;
    pg_client& operator=(const pg_client&) = delete;

    /// The name of item `id`, or nullopt when there is none.
    expected<std::optional<std::string>, std::string> item_name(std::int64_t id);
    /// Inserts an order and returns its id.
    expected<std::int64_t, std::string> insert_order(std::int64_t item, std::int64_t qty);

private:
    /// Runs `sql` with text parameters; the rows of its one result (first column), or an error.
    expected<std::vector<std::string>, std::string> query(const char* sql,
                                                          const std::vector<std::string>& params);
    expected<void, std::string> connect(clock::time_point deadline);
    /// Waits until the socket is readable (or writable) or the deadline passes.
    bool wait(bool for_write, clock::time_point deadline) const;
    void drop() noexcept;

    std::string conninfo_;
    nanoseconds timeout_;
    pg_conn* conn_ = nullptr;
};

/// Idle connections of one kind, shared by the blocking threads: take one (or make one), give it
/// back after a call. At most `keep` idle ones are kept.
template <class Client>
class client_pool {
public:
    template <class Make>
    explicit client_pool(Make make, std::size_t keep = 64) : make_(std::move(make)), keep_(keep) {}

    std::unique_ptr<Client> take() {
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                auto c = std::move(idle_.back());
                idle_.pop_back();
                return c;
            }
        }
        return make_();
    }

    void give_back(std::unique_ptr<Client> c) {
        std::lock_guard lock(mutex_);
        if (idle_.size() < keep_)
            idle_.push_back(std::move(c));
    }

private:
    std::function<std::unique_ptr<Client>()> make_;
    std::size_t keep_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Client>> idle_;
};

}  // namespace faultline::sample
