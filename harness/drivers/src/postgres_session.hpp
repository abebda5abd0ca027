#pragma once
// One PostgreSQL connection of one virtual user, driven through libpq's non-blocking API: the
// session waits for its socket in the thread's io_context, under the workload's deadlines.
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <boost/asio/posix/stream_descriptor.hpp>

#include <faultline/drivers/deadline.hpp>
#include <faultline/drivers/driver.hpp>

#include "postgres_driver.hpp"

struct pg_conn;

namespace faultline::drivers {

/// Outcomes: ok when every statement succeeded; check_failed for an error the server reported
/// (a failed statement, a refused login, "the database system is starting up"); eof when the
/// server closed the connection (a terminated backend, a stopped server), reset for a reset;
/// connect_refused, connect_timeout, timeout and cancelled as for HTTP. A transaction whose
/// statement failed is rolled back. After any failure but check_failed the next request
/// connects again.
class postgres_session final : public session {
public:
    postgres_session(asio::any_io_executor executor, std::shared_ptr<const postgres_config> config,
                     std::shared_ptr<net::name_cache> names, std::uint64_t seed);
    ~postgres_session() override;
    postgres_session(const postgres_session&) = delete;
    postgres_session& operator=(const postgres_session&) = delete;

    asio::awaitable<stats::outcome> execute() override;
    void close() noexcept override;

private:
    enum class wait_for { read, write };

    asio::awaitable<stats::outcome> connect();
    asio::awaitable<stats::outcome> prepare();
    asio::awaitable<stats::outcome> run_transaction();
    /// Sends nothing; flushes what libpq holds, then reads every result of the last command.
    asio::awaitable<stats::outcome> finish_command();
    asio::awaitable<stats::outcome> simple(const char* command);
    asio::awaitable<stats::outcome> statement(const postgres_prepared& s);
    /// False when the wait ended by the deadline or close().
    asio::awaitable<bool> wait(wait_for what);
    /// The outcome of a broken connection (from libpq's message); drops it.
    stats::outcome lost() noexcept;
    /// The outcome of a wait that ended early: timeout or cancelled; drops the connection.
    stats::outcome interrupted(stats::outcome on_timeout) noexcept;
    void drop() noexcept;

    /// libpq's connection, started with the name of `config_->dial` resolved through `names_`.
    asio::awaitable<stats::outcome> start_connection();

    std::shared_ptr<const postgres_config> config_;
    std::shared_ptr<net::name_cache> names_;
    asio::steady_timer resolving_;  ///< wakes a connect waiting on a name; close() cancels it
    pg_conn* conn_ = nullptr;
    asio::posix::stream_descriptor socket_;  ///< libpq's socket, watched only (never closed)
    std::shared_ptr<deadline> deadline_;
    std::mt19937_64 rng_;
    std::uint64_t seq_ = 0;
    std::vector<std::string> values_;
    std::vector<const char*> pointers_;
    bool timed_out_ = false;
    bool closed_ = false;
};

}  // namespace faultline::drivers
