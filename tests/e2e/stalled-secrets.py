#!/usr/bin/python3
# stalled-secrets.py: a Secret Service that takes every call and never answers
# SPDX-License-Identifier: GPL-3.0-or-later
"""Owns org.freedesktop.secrets on the session bus (replacing any owner) and keeps every
method call unanswered, like a keyring waiting behind a password prompt nobody sees.
Prints "ready" once it owns the name; runs until killed."""
from gi.repository import Gio, GLib

XML = """
<node><interface name="org.freedesktop.Secret.Service">
  <method name="OpenSession"><arg type="s" direction="in"/><arg type="v" direction="in"/>
    <arg type="v" direction="out"/><arg type="o" direction="out"/></method>
  <method name="SearchItems"><arg type="a{ss}" direction="in"/>
    <arg type="ao" direction="out"/><arg type="ao" direction="out"/></method>
</interface></node>"""
held = []


def on_call(connection, sender, path, interface, method, params, invocation):
    held.append(invocation)


def on_bus(connection, name):
    info = Gio.DBusNodeInfo.new_for_xml(XML).interfaces[0]
    connection.register_object("/org/freedesktop/secrets", info, on_call, None, None)


def on_name(connection, name):
    print("ready", flush=True)


Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.secrets",
                 Gio.BusNameOwnerFlags.REPLACE, on_bus, on_name, None)
GLib.MainLoop().run()
