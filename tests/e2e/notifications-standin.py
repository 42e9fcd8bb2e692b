#!/usr/bin/python3
# notifications-standin.py: the desktop's notification service, as far as GNotification sees it
# SPDX-License-Identifier: GPL-3.0-or-later
"""Owns org.gtk.Notifications on the session bus and records every call, as GNOME Shell would
receive them. GLib (2.74) sends a GApplication's notifications there whenever that name has an
owner (outside a sandbox; inside one, the portal); otherwise to org.freedesktop.Notifications.

Prints "ready" once the name is owned, then one JSON object a line per call:
  {"method": "AddNotification", "app_id": ..., "id": ..., "notification": {...}}
  {"method": "RemoveNotification", "app_id": ..., "id": ...}
where "notification" is the a{sv} GLib sent, unpacked (title, body, priority, default-action,
default-action-target, buttons: [{label, action, target}]). Runs until stdin closes or SIGTERM.
"""
import json
import signal
import sys

from gi.repository import Gio, GLib

INTERFACE = """
<node>
  <interface name="org.gtk.Notifications">
    <method name="AddNotification">
      <arg type="s" name="app_id" direction="in"/>
      <arg type="s" name="id" direction="in"/>
      <arg type="a{sv}" name="notification" direction="in"/>
    </method>
    <method name="RemoveNotification">
      <arg type="s" name="app_id" direction="in"/>
      <arg type="s" name="id" direction="in"/>
    </method>
  </interface>
</node>
"""


def emit(record):
    print(json.dumps(record), flush=True)


def on_call(connection, sender, path, interface, method, params, invocation):
    args = params.unpack()
    record = {"method": method, "app_id": args[0], "id": args[1]}
    if method == "AddNotification":
        # unpack() turns the a{sv} into plain Python values, targets included.
        record["notification"] = args[2]
    emit(record)
    invocation.return_value(None)


def main():
    loop = GLib.MainLoop()
    node = Gio.DBusNodeInfo.new_for_xml(INTERFACE)
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    bus.register_object("/org/gtk/Notifications", node.interfaces[0], on_call, None, None)

    def acquired(*_):
        print("ready", flush=True)

    def lost(*_):
        print("lost org.gtk.Notifications", file=sys.stderr, flush=True)
        loop.quit()

    Gio.bus_own_name_on_connection(bus, "org.gtk.Notifications",
                                   Gio.BusNameOwnerFlags.DO_NOT_QUEUE, acquired, lost)
    GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, signal.SIGTERM, lambda: loop.quit() or False)
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                      GLib.IOCondition.HUP | GLib.IOCondition.IN,
                      lambda *_: loop.quit() or False)
    loop.run()


if __name__ == "__main__":
    main()
