/** HTTP only: routing, content negotiation, request decoding and Status errors. No SQL, no resource rules. */
package io.kubeling.api;
