package main

import (
	"fmt"
	"slices"
	"strings"
)

// fault is a named, deliberate deviation from docs/swagger.yaml on one operation.
type fault string

const (
	faultNullList           fault = "null-list"           // listRoles: data.list is null on an empty page
	faultUndocumentedStatus fault = "undocumented-status" // getUser: unknown id answers HTTP 404
	faultUnenforcedRequired fault = "unenforced-required" // createUser: a missing username is accepted
	faultBoundary500        fault = "boundary-500"        // listUsers: pageSize=100 (the maximum) panics
	faultAuthHole           fault = "auth-hole"           // listFiles: the token is not checked
	faultCreate201          fault = "create-201"          // createRole: HTTP 201, documented 200
	faultSyntax500          fault = "syntax-500"          // createUser: a JSON syntax error panics
	faultRequiredEmpty      fault = "required-empty"      // createRole: roleName "" accepted
	faultInt64Overflow      fault = "int64-overflow"      // getUser: an id beyond int64 panics
	faultSlowOffset         fault = "slow-offset"         // listFiles: offset >= 1e6 sleeps ADMIN_SLOW_MS
	faultDelete400          fault = "delete-400"          // deleteRole: a live role answers HTTP 400
	faultShortNote          fault = "short-note"          // uploadFile: a note over 20 characters is code 7
	faultShortNote400       fault = "short-note-400"      // uploadFile: a note over 20 characters is HTTP 400
	faultDeleteRefused      fault = "delete-refused"      // deleteRole: every delete is refused (code 7 inside HTTP 200), the role kept
	faultUUID500            fault = "uuid-500"            // getChunks: a well-formed uploadId (a UUID, 36 characters) panics
)

var knownFaults = []fault{
	faultNullList, faultUndocumentedStatus, faultUnenforcedRequired, faultBoundary500, faultAuthHole,
	faultCreate201, faultSyntax500, faultRequiredEmpty, faultInt64Overflow, faultSlowOffset,
	faultDelete400, faultShortNote, faultShortNote400, faultDeleteRefused, faultUUID500,
}

type faultSet map[fault]bool

func (s faultSet) has(f fault) bool { return s[f] }

// parseFaults reads a comma-separated list such as "null-list,auth-hole".
func parseFaults(list string) (faultSet, error) {
	set := faultSet{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.Contains(knownFaults, fault(name)) {
			names := make([]string, len(knownFaults))
			for i, f := range knownFaults {
				names[i] = string(f)
			}
			return nil, fmt.Errorf("unknown fault %q in ADMIN_FAULTS (known: %s)", name, strings.Join(names, ", "))
		}
		set[fault(name)] = true
	}
	return set, nil
}
