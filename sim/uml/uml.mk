# sim/uml: User-Mode Linux with the stock virtio_net driving simulated vionic devices
# (docs/linux.md). Included by the top-level Makefile.
#
#   make uml-kernel    build the UML kernel, cached outside the repository
#                      (sim/uml/build-kernel.sh; about 3-8 minutes, once)
#   make linux-shell   boot it with two devices wired together and give a shell
#   make linux-test    run only tests/linux/test_*.sh (make test runs them too)

.PHONY: uml-kernel linux-shell linux-test

# make test boots it: build (or find in the cache) the kernel first.
test-build: uml-kernel

uml-kernel:
	@sim/uml/build-kernel.sh > /dev/null

linux-shell: deps
	@$(MAKE) --no-print-directory bridge uml-kernel
	@sim/uml/run-uml.sh --devices 2

linux-test: deps
	@$(MAKE) --no-print-directory bridge uml-kernel
	@$(PYTHON) tools/run_tests.py --build $(BUILD) --suite linux
