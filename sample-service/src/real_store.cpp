#include <atomic>
#include <optional>

#include <boost/asio/thread_pool.hpp>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include <faultline/sample/dependency_clients.hpp>
#include <faultline/sample/handlers.hpp>
#include <faultline/sample/real_store.hpp>
#include <faultline/sample/worker_pool.hpp>

namespace faultline::sample {
namespace {

using json = nlohmann::json;

constexpr std::size_t blocking_threads = 64;
constexpr std::int64_t item_count = 10000;

http_response json_response(int status, const json& body) {
    return http_response{status, "application/json", body.dump(), {}};
}

}  // namespace

/// One dependency's policy: its breaker and its bulkhead pool, when on.
struct real_store::dependency {
    std::unique_ptr<circuit_breaker> breaker;
    std::unique_ptr<worker_pool> bulkhead;
    std::atomic<std::uint64_t> failures{0};
};

struct real_store::state {
    state(const real_store_options& o, std::size_t workers, std::size_t queue)
        : redis_clients([o] {
              return std::make_unique<redis_client>(core::numeric_host(o.redis.host), o.redis.port,
                                                    o.dep_timeout);
          }),
          pg_clients([o] { return std::make_unique<pg_client>(o.pg_conninfo, o.dep_timeout); }) {
        for (auto* dep : {&cache, &db}) {
            if (o.breaker)
                dep->breaker = std::make_unique<circuit_breaker>(o.breaker_config);
            if (o.bulkhead)
                dep->bulkhead = std::make_unique<worker_pool>(workers, queue, nanoseconds{0});
        }
    }

    /// Destroyed by stop(), before the io_contexts its queued calls would resume on.
    std::optional<asio::thread_pool> blocking{std::in_place, blocking_threads};
    client_pool<redis_client> redis_clients;
    client_pool<pg_client> pg_clients;
    dependency cache;
    dependency db;
    std::atomic<std::uint64_t> cache_hits{0};
};

real_store::real_store(real_store_options options, std::size_t workers, std::size_t queue)
    : options_(std::move(options)), state_(std::make_unique<state>(options_, workers, queue)) {}

real_store::~real_store() {
    stop();
}

void real_store::stop() {
    if (!state_->blocking)
        return;
    state_->blocking->stop();
    state_->blocking->join();
    state_->blocking.reset();  // calls never started are dropped now, while their io_contexts live
    for (auto* dep : {&state_->cache, &state_->db}) {
        if (dep->bulkhead)
            dep->bulkhead->close();
    }
}

void real_store::prepare_schema(const std::string& conninfo) {
    try {
        pqxx::connection c(conninfo);
        pqxx::work w(c);
        w.exec0("CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, name text NOT NULL)");
        w.exec0("INSERT INTO items SELECT g, 'item-' || g FROM generate_series(1, " +
                std::to_string(item_count) + ") g ON CONFLICT DO NOTHING");
        w.exec0(
            "CREATE TABLE IF NOT EXISTS orders (id bigserial PRIMARY KEY, item bigint NOT NULL, "
            "qty bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())");
        w.commit();
    } catch (const std::exception& e) {
        throw std::runtime_error("cannot prepare the PostgreSQL schema (" + conninfo +
                                 "): " + e.what());
    }
}

template <class Result, class Call>
asio::awaitable<expected<Result, std::string>> real_store::on_blocking_thread(Call& blocking_call) {
    // Named, not temporaries inside the co_await: g++ 12 destroys those twice.
    auto run = [&blocking_call]() -> asio::awaitable<expected<Result, std::string>> {
        co_return blocking_call();
    };
    if (!state_->blocking)
        co_return make_unexpected(std::string("the service is stopping"));
    auto done = asio::co_spawn(state_->blocking->get_executor(), run, asio::use_awaitable);
    co_return co_await std::move(done);
}

template <class Result, class Call>
asio::awaitable<expected<Result, std::string>> real_store::call(dependency& dep,
                                                                Call&& blocking_call) {
    auto how = breaker_admission::call;
    if (dep.breaker) {
        how = dep.breaker->admit(clock::now());
        if (how == breaker_admission::refuse) {
            ++dep.failures;
            co_return make_unexpected(std::string("circuit open"));
        }
    }
    expected<Result, std::string> result = make_unexpected(std::string("not called"));
    for (unsigned attempt = 0; attempt <= options_.retries; ++attempt) {
        if (dep.bulkhead) {
            const std::function<asio::awaitable<void>()> work = [&]() -> asio::awaitable<void> {
                result = co_await on_blocking_thread<Result>(blocking_call);
            };
            if (!co_await dep.bulkhead->serve(work))
                result = make_unexpected(std::string("bulkhead full"));
        } else {
            result = co_await on_blocking_thread<Result>(blocking_call);
        }
        if (result)
            break;
    }
    if (dep.breaker)
        dep.breaker->record(result.has_value(), how, clock::now());
    if (!result)
        ++dep.failures;
    co_return result;
}

asio::awaitable<http_response> real_store::get_item(std::string_view path) {
    const auto id = parse_item_id(path);
    if (!id)
        co_return error_response(404, "unknown item");
    const std::string key = "item:" + std::to_string(*id);
    auto& s = *state_;
    auto read_cache = [&s, key]() -> expected<std::optional<std::string>, std::string> {
        auto client = s.redis_clients.take();
        auto value = client->get(key);
        s.redis_clients.give_back(std::move(client));
        return value;
    };
    auto cached = co_await call<std::optional<std::string>>(s.cache, read_cache);
    if (cached && *cached) {
        ++s.cache_hits;
        co_return json_response(200, json{{"id", *id}, {"name", **cached}, {"source", "cache"}});
    }
    auto read_db = [&s, id = *id]() -> expected<std::optional<std::string>, std::string> {
        auto client = s.pg_clients.take();
        auto name = client->item_name(id);
        s.pg_clients.give_back(std::move(client));
        return name;
    };
    auto row = co_await call<std::optional<std::string>>(s.db, read_db);
    if (!row)
        co_return error_response(503, "the database cannot answer: " + row.error());
    if (!*row)
        co_return error_response(404, "unknown item");
    if (cached) {  // a miss, not a failing cache: fill it
        auto fill = [&s, key, name = **row]() -> expected<bool, std::string> {
            auto client = s.redis_clients.take();
            auto set = client->set(key, name);
            s.redis_clients.give_back(std::move(client));
            if (!set)
                return make_unexpected(set.error());
            return true;
        };
        co_await call<bool>(s.cache, fill);
    }
    co_return json_response(200, json{{"id", *id}, {"name", **row}, {"source", "db"}});
}

asio::awaitable<http_response> real_store::create_order(std::string_view body) {
    auto wanted = parse_order(body);
    if (!wanted)
        co_return wanted.error();
    if (wanted->item > item_count)
        co_return error_response(404, "unknown item");
    auto& s = *state_;
    auto insert = [&s, o = *wanted]() -> expected<std::int64_t, std::string> {
        auto client = s.pg_clients.take();
        auto id = client->insert_order(o.item, o.qty);
        s.pg_clients.give_back(std::move(client));
        return id;
    };
    auto id = co_await call<std::int64_t>(s.db, insert);
    if (!id)
        co_return error_response(503, "the database cannot answer: " + id.error());
    co_return json_response(201, json{{"order", *id}});
}

real_store_stats real_store::stats() const {
    const auto& s = *state_;
    real_store_stats out;
    out.cache_hits = s.cache_hits.load();
    out.cache_failures = s.cache.failures.load();
    out.db_failures = s.db.failures.load();
    for (const auto* dep : {&s.cache, &s.db}) {
        if (dep->breaker)
            out.breaker_opened += dep->breaker->opened_count();
    }
    return out;
}

}  // namespace faultline::sample
