#include "link.hpp"

#include <faultline/core/spawn.hpp>

namespace faultline::proxies {

namespace {
constexpr std::size_t initial_read_size = 4 * 1024;  // idle links stay small (10k connections)
constexpr std::size_t max_read_size = 64 * 1024;     // bulk transfers grow to this
}  // namespace

struct link::direction {
    direction(const asio::any_io_executor& ex, stream_direction which, std::uint64_t connection,
              tcp::socket& source, tcp::socket& sink, std::atomic<std::uint64_t>& byte_count)
        : chain(connection, which),
          from(source),
          to(sink),
          writer_wake(ex),
          reader_wake(ex),
          bytes(byte_count) {}

    toxic_chain chain;
    tcp::socket& from;
    tcp::socket& to;
    asio::steady_timer writer_wake;  // the writer sleeps on it; cancel() wakes it
    asio::steady_timer reader_wake;  // the reader waits on it while toxics hold too much
    std::atomic<std::uint64_t>& bytes;
    std::shared_ptr<byte_block> buffer;
    std::size_t read_size = initial_read_size;
    bool writer_busy = false;  // the writer is in an async_write: the reader must not write
    bool end_written = false;  // our side of `to` is shut down
};

link::link(std::shared_ptr<proxy_shared> proxy, tcp::socket client, std::uint64_t id)
    : proxy_(std::move(proxy)),
      client_(std::move(client)),
      server_(client_.get_executor()),
      id_(id),
      resolving_(client_.get_executor()),
      up_(std::make_unique<direction>(client_.get_executor(), stream_direction::upstream, id,
                                      client_, server_, proxy_->bytes_upstream)),
      down_(std::make_unique<direction>(client_.get_executor(), stream_direction::downstream, id,
                                        server_, client_, proxy_->bytes_downstream)) {}

link::~link() = default;

void link::start() {
    core::spawn(client_.get_executor(), run(shared_from_this()), "proxy link");
}

void link::apply(const toxic_lists& lists) {
    if (closed_)
        return;
    const time_point now = clock::now();
    up_->chain.apply(lists.upstream, now);
    down_->chain.apply(lists.downstream, now);
    up_->writer_wake.cancel();
    down_->writer_wake.cancel();
}

void link::close(close_kind kind) {
    if (closed_)
        return;
    closed_ = true;
    error_code ignored;
    if (kind == close_kind::reset) {
        client_.set_option(tcp::socket::linger(true, 0), ignored);
        server_.set_option(tcp::socket::linger(true, 0), ignored);
    }
    client_.close(ignored);
    server_.close(ignored);
    resolving_.cancel();
    for (direction* d : {up_.get(), down_.get()}) {
        d->writer_wake.cancel();
        d->reader_wake.cancel();
    }
    if (registered_) {
        registered_ = false;
        proxy_->leave(id_);
        proxy_->open.fetch_sub(1, std::memory_order_relaxed);
    }
}

asio::awaitable<void> link::run(std::shared_ptr<link> self) {
    const link_start start = proxy_->join(id_, self);
    registered_ = true;
    proxy_->open.fetch_add(1, std::memory_order_relaxed);
    // Stages start now; toxic changes posted from here on arrive after this apply.
    apply(*start.toxics);

    dialing_ = true;
    const auto give_up = clock::now() + proxy_->dial_timeout;
    const auto target =
        co_await proxy_->names->next(start.upstream.host, start.upstream.port, give_up, resolving_);
    if (closed_)
        co_return;
    if (!target.endpoint) {
        proxy_->dial_failures.fetch_add(1, std::memory_order_relaxed);
        close(close_kind::graceful);
        co_return;
    }
    asio::steady_timer deadline(client_.get_executor());
    deadline.expires_at(give_up);
    deadline.async_wait([this, self](error_code ec) {
        if (!ec && dialing_ && !closed_) {
            error_code ignored;
            server_.close(ignored);
        }
    });
    error_code ec;
    co_await server_.async_connect(*target.endpoint, asio::redirect_error(asio::use_awaitable, ec));
    dialing_ = false;
    deadline.cancel();
    if (closed_)
        co_return;
    if (ec) {
        proxy_->dial_failures.fetch_add(1, std::memory_order_relaxed);
        close(close_kind::graceful);
        co_return;
    }
    client_.set_option(tcp::no_delay(true), ec);
    server_.set_option(tcp::no_delay(true), ec);

    auto ex = client_.get_executor();
    core::spawn(ex, read_loop(self, *up_), "proxy upstream reader");
    core::spawn(ex, read_loop(self, *down_), "proxy downstream reader");
    core::spawn(ex, write_loop(self, *up_), "proxy upstream writer");
    core::spawn(ex, write_loop(self, *down_), "proxy downstream writer");
}

/*
 * The reader copies straight to the other socket while no toxic applies (the fast path: one read,
 * one write, no allocation). Otherwise it hands each chunk, timestamped, to the chain and wakes the
 * writer, and pauses while the chain holds more than the proxy's limit (TCP back-pressure).
 */
asio::awaitable<void> link::read_loop(std::shared_ptr<link> self, direction& d) {
    (void)self;  // held for the coroutine's lifetime
    for (;;) {
        if (!d.buffer)
            d.buffer = std::make_shared<byte_block>(d.read_size);
        error_code ec;
        const std::size_t n =
            co_await d.from.async_read_some(asio::buffer(d.buffer->data(), d.buffer->size()),
                                            asio::redirect_error(asio::use_awaitable, ec));
        if (closed_)
            co_return;
        if (ec == asio::error::eof) {
            if (d.chain.is_pass_through() && !d.writer_busy) {
                finish_writing(d);
            } else {
                d.chain.push(piece::end_of_stream(), clock::now());
                d.writer_wake.cancel();
            }
            co_return;
        }
        if (ec) {
            close(close_kind::reset);  // an aborted side aborts the other
            co_return;
        }
        d.bytes.fetch_add(n, std::memory_order_relaxed);
        const bool filled = n == d.buffer->size();
        if (filled && d.read_size < max_read_size)
            d.read_size *= 4;
        if (d.chain.is_pass_through() && !d.writer_busy) {
            co_await asio::async_write(d.to, asio::buffer(d.buffer->data(), n),
                                       asio::redirect_error(asio::use_awaitable, ec));
            if (closed_)
                co_return;
            if (ec) {
                close(close_kind::reset);
                co_return;
            }
            if (filled)
                d.buffer.reset();  // grow on the next read
            continue;
        }
        d.buffer->resize(n);
        std::shared_ptr<const byte_block> block = std::move(d.buffer);
        d.buffer.reset();
        d.chain.push(piece(std::move(block)), clock::now());
        d.writer_wake.cancel();
        while (!closed_ && d.chain.buffered_bytes() > proxy_->max_buffered_bytes) {
            d.reader_wake.expires_at(time_point::max());
            co_await d.reader_wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        }
        if (closed_)
            co_return;
    }
}

/*
 * The writer runs the chain's clock: advance to now, write what is due (one piece, then look at
 * the clock again), and sleep until the chain's next event or until the reader or apply() wakes it.
 */
asio::awaitable<void> link::write_loop(std::shared_ptr<link> self, direction& d) {
    (void)self;  // held for the coroutine's lifetime
    while (!closed_) {
        const time_point now = clock::now();
        d.chain.advance(now);
        const auto close_request = d.chain.close_requested();
        const bool closing = close_request && close_request->at <= now;
        if (closing && close_request->kind == close_kind::reset) {
            close(close_kind::reset);
            co_return;
        }
        auto next = d.chain.pop_ready();
        if (next) {
            d.reader_wake.cancel();
            if (next->is_end()) {
                finish_writing(d);
                continue;
            }
            d.writer_busy = true;
            error_code ec;
            co_await asio::async_write(d.to, asio::buffer(next->bytes().data(), next->size()),
                                       asio::redirect_error(asio::use_awaitable, ec));
            d.writer_busy = false;
            if (closed_)
                co_return;
            if (ec) {
                close(close_kind::reset);
                co_return;
            }
            continue;
        }
        if (closing) {
            close(close_request->kind);
            co_return;
        }
        d.writer_wake.expires_at(d.chain.next_wake());
        error_code ec;
        co_await d.writer_wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
    }
}

void link::finish_writing(direction& d) {
    if (d.end_written)
        return;
    d.end_written = true;
    error_code ignored;
    d.to.shutdown(tcp::socket::shutdown_send, ignored);
    if (up_->end_written && down_->end_written)
        close(close_kind::graceful);
}

}  // namespace faultline::proxies
