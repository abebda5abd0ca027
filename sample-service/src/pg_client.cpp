#include <cstdlib>

#include <libpq-fe.h>
#include <poll.h>

#include <faultline/sample/dependency_clients.hpp>

namespace faultline::sample {

pg_client::pg_client(std::string conninfo, nanoseconds timeout)
    : conninfo_(std::move(conninfo)), timeout_(timeout) {}

pg_client::~pg_client() {
    drop();
}

void pg_client::drop() noexcept {
    if (conn_ != nullptr) {
        PQfinish(conn_);
        conn_ = nullptr;
    }
}

bool pg_client::wait(bool for_write, clock::time_point deadline) const {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now());
    if (left.count() <= 0)
        return false;
    pollfd fd{PQsocket(conn_), static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
    return ::poll(&fd, 1, static_cast<int>(left.count())) > 0;
}

expected<void, std::string> pg_client::connect(clock::time_point deadline) {
    if (conn_ != nullptr)
        return {};
    conn_ = PQconnectStart(conninfo_.c_str());
    if (conn_ == nullptr)
        return make_unexpected(std::string("postgres: out of memory"));
    // Before the first PQconnectPoll the socket must be writable (the connect done), as if
    // PQconnectPoll had answered PGRES_POLLING_WRITING.
    if (!wait(true, deadline)) {
        drop();
        return make_unexpected(std::string("postgres: connect timed out"));
    }
    for (;;) {
        const auto state = PQconnectPoll(conn_);
        if (state == PGRES_POLLING_OK)
            break;
        if (state == PGRES_POLLING_FAILED) {
            std::string why = "postgres: " + std::string(PQerrorMessage(conn_));
            drop();
            return make_unexpected(why);
        }
        if (!wait(state == PGRES_POLLING_WRITING, deadline)) {
            drop();
            return make_unexpected(std::string("postgres: connect timed out"));
        }
    }
    PQsetnonblocking(conn_, 1);
    return {};
}

expected<std::vector<std::string>, std::string> pg_client::query(
    const char* sql, const std::vector<std::string>& params) {
    const auto deadline = clock::now() + timeout_;
    if (auto connected = connect(deadline); !connected)
        return make_unexpected(connected.error());
    std::vector<const char*> values;
    for (const auto& p : params)
        values.push_back(p.c_str());
    if (PQsendQueryParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(),
                          nullptr, nullptr, 0) == 0) {
        std::string why = "postgres: " + std::string(PQerrorMessage(conn_));
        drop();
        return make_unexpected(why);
    }
    int flushed = 0;
    while ((flushed = PQflush(conn_)) == 1) {
        if (!wait(true, deadline)) {
            drop();
            return make_unexpected(std::string("postgres: timed out"));
        }
    }
    std::vector<std::string> rows;
    std::string error;
    for (;;) {
        while (flushed == 0 && PQisBusy(conn_) != 0) {
            if (!wait(false, deadline)) {
                drop();
                return make_unexpected(std::string("postgres: timed out"));
            }
            if (PQconsumeInput(conn_) == 0)
                break;
        }
        PGresult* result = PQgetResult(conn_);
        if (result == nullptr)
            break;
        const auto status = PQresultStatus(result);
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
            for (int r = 0; r < PQntuples(result); ++r)
                rows.emplace_back(PQgetvalue(result, r, 0));
        } else if (error.empty()) {
            error = "postgres: " + std::string(PQresultErrorMessage(result));
        }
        PQclear(result);
    }
    if (flushed < 0 || PQstatus(conn_) == CONNECTION_BAD) {
        std::string why = "postgres: " + std::string(PQerrorMessage(conn_));
        drop();
        return make_unexpected(error.empty() ? why : error);
    }
    if (!error.empty())
        return make_unexpected(error);
    return rows;
}

expected<std::optional<std::string>, std::string> pg_client::item_name(std::int64_t id) {
    auto rows = query("SELECT name FROM items WHERE id = $1", {std::to_string(id)});
    if (!rows)
        return make_unexpected(rows.error());
    if (rows->empty())
        return std::optional<std::string>();
    return std::optional<std::string>(rows->front());
}

expected<std::int64_t, std::string> pg_client::insert_order(std::int64_t item, std::int64_t qty) {
    auto rows = query("INSERT INTO orders (item, qty) VALUES ($1, $2) RETURNING id",
                      {std::to_string(item), std::to_string(qty)});
    if (!rows)
        return make_unexpected(rows.error());
    if (rows->size() != 1)
        return make_unexpected(std::string("postgres: INSERT returned no id"));
    return std::strtoll(rows->front().c_str(), nullptr, 10);
}

}  // namespace faultline::sample
