#pragma once
// A fixed-size pool of database connections shared by request handlers.
// acquire() blocks until a connection is free; the Lease returns it on
// destruction. Connections are opened lazily by the factory.

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/db.h"

namespace weige::store {

class Pool {
 public:
  using Factory = std::function<Result<std::unique_ptr<Db>>()>;
  Pool(Factory factory, std::size_t size);

  class Lease {
   public:
    Lease(Pool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    ~Lease();
    Db& operator*() const { return *db_; }
    Db* operator->() const { return db_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Db> db_;
  };

  // A free connection; kUnavailable when a new one cannot be opened.
  Result<Lease> acquire();
  // A new connection of its own, outside the pool's count (a writer thread's).
  Result<std::unique_ptr<Db>> open() { return factory_(); }

 private:
  void release(std::unique_ptr<Db> db);

  Factory factory_;
  std::size_t size_;
  std::size_t opened_ = 0;
  std::vector<std::unique_ptr<Db>> idle_;
  std::mutex mu_;
  std::condition_variable cv_;
};

}  // namespace weige::store
