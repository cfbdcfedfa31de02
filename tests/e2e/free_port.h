// Free TCP ports on 127.0.0.1 for servers the test starts as child processes.
//
//   PortReservation port;                       // holds a kernel-chosen port
//   ASSERT_TRUE(port.ok()) << port.error();
//   Start("fasciad", {"--listen=" + port.address()});
//
// Why a reservation and not just "bind to 0, close, hand out the number":
// between close and the child's bind, anything else on the machine (another
// test binary under `ctest -j`) could take the port. The reservation keeps a
// socket bound, but not listening, with SO_REUSEPORT for as long as it lives.
// gRPC servers bind with SO_REUSEPORT too, so the child can bind the same
// port, while the kernel's port-0 allocation never hands it to anyone else.
// A bound socket that does not listen receives no connections, so every
// connection reaches the child, and a connection to a port whose child is
// not listening is refused.
//
// Contract: keep the reservation alive while the child may bind the port.
// Thread-compatible.
#ifndef FASCIA_TESTS_E2E_FREE_PORT_H_
#define FASCIA_TESTS_E2E_FREE_PORT_H_

#include <string>

namespace fascia::e2e {

class PortReservation {
 public:
  PortReservation();
  ~PortReservation();
  PortReservation(const PortReservation&) = delete;
  PortReservation& operator=(const PortReservation&) = delete;

  bool ok() const { return port_ > 0; }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  // "127.0.0.1:<port>"
  std::string address() const;

 private:
  int fd_ = -1;
  int port_ = 0;
  std::string error_;
};

}  // namespace fascia::e2e

#endif  // FASCIA_TESTS_E2E_FREE_PORT_H_
