# Builds one function for `sam build` (BuildMethod: makefile, build_in_source = true in samconfig.toml).
# Each function module's Makefile includes this file and names its target build-<LogicalId> after it.
#
# ./groundwork test (./mvnw verify with a JDK of 21 or newer, found by itself) builds the module and what it depends
# on (-am), runs the checks that guard the artifact (banned HTTP clients, the size budget) and assembles
# target/function.zip: the function's classes at the root and its runtime jars under lib/, the layout Lambda's Java
# runtime loads. Its content becomes $(ARTIFACTS_DIR). Tests are compiled, not run: CI runs them.

# MODULE_DIR is the including Makefile's own directory: nothing here depends on make's working directory.
ifeq ($(strip $(MODULE_DIR)),)
$(error MODULE_DIR is not set: a function's Makefile sets it to its own directory before it includes function.mk)
endif
ROOT := $(abspath $(MODULE_DIR)/../..)
MODULE := functions/$(notdir $(MODULE_DIR))
ZIP := $(ROOT)/$(MODULE)/target/function.zip
# A file of 16 random bytes, new at every build, so that every `sam build && sam deploy` publishes a new version of the
# function and moves its alias to it. SAM publishes a version only when the code's hash changes: a deploy that changes
# only parameters (the cursor key's version ids, LogLevel, TenantClaim, SnapStart) would otherwise update $LATEST and
# leave the alias, which every route and event source invokes, on the version with the old configuration
# (aws/serverless-application-model#1640, #3820).
BUILD_ID_FILE := groundwork-build-id

.PHONY: function
function:
	@test -n "$(ARTIFACTS_DIR)" || { echo "ARTIFACTS_DIR is not set: sam build sets it" >&2; exit 2; }
	cd "$(ROOT)" && ./groundwork test -q -DskipTests -pl $(MODULE) -am
	mkdir -p "$(ARTIFACTS_DIR)"
	cd "$(ARTIFACTS_DIR)" && unzip -q -o "$(ZIP)"
	od -An -tx1 -N16 /dev/urandom | tr -d ' \n' > "$(ARTIFACTS_DIR)/$(BUILD_ID_FILE)"
