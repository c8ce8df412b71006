# stripe-fc: build, test, install, release. Honours PREFIX (default /usr/local) and DESTDIR (staged
# installs); BIN=path/to/stripe-fc installs an already built binary instead of building a release one.
# `make dist` and `make deb` (Linux) build the release artefacts under dist/.

PREFIX ?= /usr/local
DESTDIR ?=
SWIFT ?= swift
INSTALL ?= install
RELEASE_BIN := .build/release/stripe-fc
BIN ?= $(RELEASE_BIN)

bindir := $(DESTDIR)$(PREFIX)/bin
man1dir := $(DESTDIR)$(PREFIX)/share/man/man1
bashdir := $(DESTDIR)$(PREFIX)/share/bash-completion/completions
zshdir := $(DESTDIR)$(PREFIX)/share/zsh/site-functions
fishdir := $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d

# Only the default binary is built here; a BIN given on the command line is used as it is.
ifeq ($(BIN),$(RELEASE_BIN))
INSTALL_NEEDS := build
endif

.PHONY: all build test install uninstall generate lint-man dist deb

all: build

build:
	$(SWIFT) build -c release --product stripe-fc

test:
	$(SWIFT) test

install: $(INSTALL_NEEDS)
	$(INSTALL) -d "$(bindir)" "$(man1dir)" "$(bashdir)" "$(zshdir)" "$(fishdir)"
	$(INSTALL) -m 755 "$(BIN)" "$(bindir)/stripe-fc"
	$(INSTALL) -m 644 man/stripe-fc.1 "$(man1dir)/stripe-fc.1"
	$(INSTALL) -m 644 completions/stripe-fc.bash "$(bashdir)/stripe-fc"
	$(INSTALL) -m 644 completions/_stripe-fc "$(zshdir)/_stripe-fc"
	$(INSTALL) -m 644 completions/stripe-fc.fish "$(fishdir)/stripe-fc.fish"

uninstall:
	rm -f "$(bindir)/stripe-fc" "$(man1dir)/stripe-fc.1" "$(bashdir)/stripe-fc" "$(zshdir)/_stripe-fc" "$(fishdir)/stripe-fc.fish"

# Rewrites completions/, man/stripe-fc.1 and docs/commands.md from the command tree (committed and
# drift-tested). The help snapshots are test fixtures: FC_RECORD=1 swift test --filter HelpTests.
generate:
	FC_RECORD=1 $(SWIFT) test --filter "CompletionTests|ManualTests|DocsTests"

lint-man:
	mandoc -Tlint man/stripe-fc.1

# Release artefacts. The binary links the Swift runtime and Foundation in (--static-swift-stdlib),
# so it runs where no Swift toolchain is installed; it still links the system's libc, libstdc++,
# libgcc_s and libcurl, which the .deb's Depends names (dpkg-shlibdeps reads them off the binary).
# It is built in a directory of its own: static and dynamic objects differ, so sharing .build/release
# with `make build` would recompile everything each time one follows the other. No $ORIGIN rpath:
# it loads nothing from beside itself.
VERSION := $(shell sed -n 's/^ *static let version = "\([^"]*\)".*/\1/p' Sources/fc/App/FC.swift)
ARCH := $(shell uname -m)
STRIP ?= strip
DIST_SCRATCH := .build/dist
DIST_NAME := stripe-fc-$(VERSION)-linux-$(ARCH)
DIST_TREE := dist/$(DIST_NAME)
DEB_ARCH = $(shell dpkg --print-architecture)
DEB_WORK := dist/deb
DEB_ROOT := $(DEB_WORK)/debian/stripe-fc
DEB_MAINTAINER ?= stripe-fc maintainers <maintainers@users.noreply.b-seed-cb2b2021.example>

# dist/stripe-fc-VERSION-linux-ARCH.tar.gz: one directory laid out as a PREFIX (bin/, share/man,
# share/bash-completion, share/zsh/site-functions, share/fish, share/doc/stripe-fc with the README
# and LICENSE), so `tar -xzf … -C /usr/local --strip-components=1` installs it.
dist:
	@test "$$(uname -s)" = Linux || { echo "make dist: Linux only (the Swift runtime cannot be linked statically on macOS)" >&2; exit 1; }
	@test -n "$(VERSION)" || { echo "make dist: no 'static let version' in Sources/fc/App/FC.swift" >&2; exit 1; }
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath --product stripe-fc --scratch-path $(DIST_SCRATCH)
	rm -rf "$(DIST_TREE)" "$(DIST_TREE).tar.gz"
	$(MAKE) --no-print-directory install BIN=$(DIST_SCRATCH)/release/stripe-fc PREFIX= DESTDIR="$(DIST_TREE)"
	$(STRIP) "$(DIST_TREE)/bin/stripe-fc"
	$(INSTALL) -d "$(DIST_TREE)/share/doc/stripe-fc"
	$(INSTALL) -m 644 README.md LICENSE "$(DIST_TREE)/share/doc/stripe-fc/"
	tar -C dist --owner=0 --group=0 --numeric-owner -czf "$(DIST_TREE).tar.gz" "$(DIST_NAME)"
	@echo "wrote $(DIST_TREE).tar.gz"

# dist/stripe-fc_VERSION_ARCH.deb from the same binary: /usr/bin, the man page gzipped, completions
# where Debian's bash-completion, zsh and fish look. Every library the binary loads must come from a
# Debian package (dpkg-shlibdeps only warns about the others, and the package would not run).
# Depends comes from dpkg-shlibdeps (package dpkg-dev), which wants the debhelper layout
# (debian/control beside debian/stripe-fc/). xz -2, not dpkg-deb's -6: a 13% larger package
# (17 MB, not 15) for a third of the CPU time (12 s, not 37).
deb: dist
	@command -v dpkg-shlibdeps >/dev/null || { echo "make deb: dpkg-shlibdeps is missing (apt-get install dpkg-dev)" >&2; exit 1; }
	rm -rf "$(DEB_WORK)"
	$(MAKE) --no-print-directory install BIN="$(DIST_TREE)/bin/stripe-fc" PREFIX=/usr DESTDIR="$(DEB_ROOT)" \
	    zshdir="$(DEB_ROOT)/usr/share/zsh/vendor-completions"
	gzip -9n "$(DEB_ROOT)/usr/share/man/man1/stripe-fc.1"
	$(INSTALL) -d "$(DEB_ROOT)/usr/share/doc/stripe-fc" "$(DEB_ROOT)/DEBIAN"
	$(INSTALL) -m 644 LICENSE "$(DEB_ROOT)/usr/share/doc/stripe-fc/copyright"
	@ldd "$(DEB_ROOT)/usr/bin/stripe-fc" | awk '$$2 == "=>"' | while read -r name arrow lib rest; do \
	    case "$$lib" in /*) { dpkg -S "$$lib" || dpkg -S "$$(readlink -f "$$lib")"; } >/dev/null 2>&1 && continue ;; esac; \
	    echo "make deb: stripe-fc loads $$name ($$lib $$rest), which no Debian package provides, so the .deb cannot depend on it" >&2; exit 1; \
	done
	printf 'Source: stripe-fc\n\nPackage: stripe-fc\nArchitecture: any\n' > "$(DEB_WORK)/debian/control"
	depends=$$(cd "$(DEB_WORK)" && dpkg-shlibdeps -O -edebian/stripe-fc/usr/bin/stripe-fc | sed -n 's/^shlibs:Depends=//p') && \
	test -n "$$depends" && \
	{ printf 'Package: stripe-fc\nVersion: %s\nArchitecture: %s\nMaintainer: %s\n' "$(VERSION)" "$(DEB_ARCH)" "$(DEB_MAINTAINER)"; \
	  printf 'Installed-Size: %s\nDepends: %s\nSection: utils\nPriority: optional\n' "$$(du -sk --exclude=DEBIAN "$(DEB_ROOT)" | cut -f1)" "$$depends"; \
	  printf 'Description: Stripe Financial Connections from the command line\n'; \
	  printf ' Creates customers and Financial Connections sessions, reads linked bank\n accounts, balances, owners and transactions, and collects ACH Direct Debit\n payments. Ships with a stateful Stripe-compatible sandbox (stripe-fc sandbox).\n'; \
	} > "$(DEB_ROOT)/DEBIAN/control"
	dpkg-deb --root-owner-group -Zxz -z2 --build "$(DEB_ROOT)" "dist/stripe-fc_$(VERSION)_$(DEB_ARCH).deb"
