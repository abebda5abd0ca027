#include "postgres_session.hpp"

#include <cstring>

#include <libpq-fe.h>

#include "postgres_failure.hpp"

namespace faultline::drivers {
namespace {

bool mentions(const char* message, const char* what) {
    return message != nullptr && std::strstr(message, what) != nullptr;
}

}  // namespace

postgres_session::postgres_session(asio::any_io_executor executor,
                                   std::shared_ptr<const postgres_config> config,
                                   std::shared_ptr<net::name_cache> names, std::uint64_t seed)
    : config_(std::move(config)),
      names_(std::move(names)),
      resolving_(executor),
      socket_(executor),
      rng_(seed) {
    deadline_ = std::make_shared<deadline>(executor, [this] {
        timed_out_ = true;
        error_code ignored;
        socket_.cancel(ignored);
    });
    deadline_->start(config_->request_timeout);
}

postgres_session::~postgres_session() {
    deadline_->stop();
    drop();
}

void postgres_session::drop() noexcept {
    if (socket_.is_open())
        socket_.release();  // libpq owns the descriptor and closes it in PQfinish
    if (conn_ != nullptr) {
        PQfinish(conn_);
        conn_ = nullptr;
    }
}

void postgres_session::close() noexcept {
    closed_ = true;
    resolving_.cancel();
    deadline_->stop();
    drop();
}

stats::outcome postgres_session::lost() noexcept {
    const char* message = conn_ != nullptr ? PQerrorMessage(conn_) : nullptr;
    const auto kind = closed_                              ? stats::outcome::cancelled
                      : mentions(message, "reset by peer") ? stats::outcome::reset
                      : mentions(message, "refused")       ? stats::outcome::connect_refused
                                                           : stats::outcome::eof;
    drop();
    return kind;
}

stats::outcome postgres_session::interrupted(stats::outcome on_timeout) noexcept {
    drop();
    return closed_ ? stats::outcome::cancelled : on_timeout;
}

asio::awaitable<bool> postgres_session::wait(wait_for what) {
    error_code ec;
    co_await socket_.async_wait(what == wait_for::read ? asio::posix::descriptor_base::wait_read
                                                       : asio::posix::descriptor_base::wait_write,
                                asio::redirect_error(asio::use_awaitable, ec));
    co_return !closed_ && !timed_out_ && !ec;
}

// libpq resolves a host name inside PQconnectStart, blocking the thread: a single named host is
// resolved here instead, off the thread, and given to libpq as hostaddr (host stays, for TLS).
asio::awaitable<stats::outcome> postgres_session::start_connection() {
    if (config_->dial.host.empty()) {
        conn_ = PQconnectStart(config_->conninfo.c_str());
        co_return stats::outcome::ok;
    }
    const auto target = co_await names_->next(config_->dial.host, config_->dial.port,
                                              clock::now() + config_->connect_timeout, resolving_);
    if (closed_)
        co_return stats::outcome::cancelled;
    if (!target.endpoint)
        co_return stats::outcome::dns;
    const std::string address = target.endpoint->address().to_string();
    const char* keywords[] = {"dbname", "hostaddr", nullptr};
    const char* values[] = {config_->conninfo.c_str(), address.c_str(), nullptr};
    conn_ = PQconnectStartParams(keywords, values, 1);
    co_return stats::outcome::ok;
}

asio::awaitable<stats::outcome> postgres_session::connect() {
    timed_out_ = false;
    deadline_->arm(clock::now() + config_->connect_timeout);
    if (const auto started = co_await start_connection(); started != stats::outcome::ok) {
        deadline_->disarm();
        co_return started;
    }
    if (conn_ == nullptr || PQstatus(conn_) == CONNECTION_BAD) {
        deadline_->disarm();
        co_return lost();
    }
    // Before the first PQconnectPoll the socket must be writable, as libpq's documentation says:
    // polling earlier may take a connect still in progress for a made one.
    auto state = PGRES_POLLING_WRITING;
    for (;;) {
        // libpq may close its socket and open another (often with the same number) while it
        // tries addresses: watch the current one afresh on every pass.
        if (socket_.is_open())
            socket_.release();
        socket_.assign(PQsocket(conn_));
        if (!co_await wait(state == PGRES_POLLING_WRITING ? wait_for::write : wait_for::read)) {
            deadline_->disarm();
            co_return interrupted(stats::outcome::connect_timeout);
        }
        state = PQconnectPoll(conn_);
        if (state == PGRES_POLLING_OK)
            break;
        if (state == PGRES_POLLING_FAILED) {
            deadline_->disarm();
            const char* message = PQerrorMessage(conn_);
            // The server said no, or TLS failed; otherwise the connection was lost.
            const auto said = classify_connect_failure(message);
            if (said == stats::outcome::tls_verify || said == stats::outcome::tls_handshake)
                log_tls_failure_once(message);
            const auto kind = said ? *said : lost();
            drop();
            co_return closed_ ? stats::outcome::cancelled : kind;
        }
    }
    deadline_->disarm();
    if (PQsetnonblocking(conn_, 1) != 0)
        co_return lost();
    if (socket_.is_open())
        socket_.release();
    socket_.assign(PQsocket(conn_));
    co_return co_await prepare();
}

asio::awaitable<stats::outcome> postgres_session::prepare() {
    deadline_->arm(clock::now() + config_->request_timeout);
    for (const auto& s : config_->statements) {
        if (PQsendPrepare(conn_, s.name.c_str(), s.query.c_str(), static_cast<int>(s.params.size()),
                          nullptr) == 0) {
            deadline_->disarm();
            co_return lost();
        }
        const auto prepared = co_await finish_command();
        if (prepared != stats::outcome::ok) {
            deadline_->disarm();
            drop();  // a statement the server refuses: try again on a new connection
            co_return prepared;
        }
    }
    deadline_->disarm();
    co_return stats::outcome::ok;
}

asio::awaitable<stats::outcome> postgres_session::finish_command() {
    for (;;) {
        const int flushed = PQflush(conn_);
        if (flushed == 0)
            break;
        if (flushed < 0)
            co_return lost();
        if (!co_await wait(wait_for::write))
            co_return interrupted(stats::outcome::timeout);
    }
    auto outcome = stats::outcome::ok;
    for (;;) {
        while (PQisBusy(conn_) != 0) {
            if (!co_await wait(wait_for::read))
                co_return interrupted(stats::outcome::timeout);
            if (PQconsumeInput(conn_) == 0)
                co_return lost();
        }
        PGresult* result = PQgetResult(conn_);
        if (result == nullptr)
            break;
        const auto status = PQresultStatus(result);
        if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
            outcome = stats::outcome::check_failed;
        PQclear(result);
    }
    // A server that ends the connection sends an error result first ("terminating connection").
    if (PQstatus(conn_) == CONNECTION_BAD)
        co_return lost();
    co_return outcome;
}

asio::awaitable<stats::outcome> postgres_session::simple(const char* command) {
    if (PQsendQuery(conn_, command) == 0)
        co_return lost();
    co_return co_await finish_command();
}

asio::awaitable<stats::outcome> postgres_session::statement(const postgres_prepared& s) {
    const core::template_context ctx{&rng_, seq_, {}};
    values_.resize(s.params.size());
    pointers_.resize(s.params.size());
    for (std::size_t i = 0; i < s.params.size(); ++i) {
        values_[i].clear();
        s.params[i].render(values_[i], ctx);
        pointers_[i] = values_[i].c_str();
    }
    if (PQsendQueryPrepared(conn_, s.name.c_str(), static_cast<int>(s.params.size()),
                            pointers_.data(), nullptr, nullptr, 0) == 0)
        co_return lost();
    co_return co_await finish_command();
}

asio::awaitable<stats::outcome> postgres_session::run_transaction() {
    auto outcome = co_await simple("BEGIN");
    if (outcome != stats::outcome::ok)
        co_return outcome;
    for (const auto& s : config_->statements) {
        outcome = co_await statement(s);
        if (outcome == stats::outcome::check_failed) {
            const auto rolled_back = co_await simple("ROLLBACK");
            co_return rolled_back == stats::outcome::ok ? outcome : rolled_back;
        }
        if (outcome != stats::outcome::ok)
            co_return outcome;
    }
    co_return co_await simple("COMMIT");
}

asio::awaitable<stats::outcome> postgres_session::execute() {
    if (closed_)
        co_return stats::outcome::cancelled;
    if (conn_ == nullptr) {
        const auto connected = co_await connect();
        if (connected != stats::outcome::ok)
            co_return connected;
    }
    ++seq_;
    timed_out_ = false;
    deadline_->arm(clock::now() + config_->request_timeout);
    const auto outcome = config_->transaction ? co_await run_transaction()
                                              : co_await statement(config_->statements.front());
    deadline_->disarm();
    co_return outcome;
}

}  // namespace faultline::drivers
