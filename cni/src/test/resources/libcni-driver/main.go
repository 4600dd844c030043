package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/containernetworking/cni/libcni"
)

// usage: driver add|del|check <conflist file> <netns> <containerID> <ifname> <cni path> <cache dir>
// Optional: DRIVER_CAP_ARGS (JSON object) becomes the capability args, DRIVER_ARGS ("k=v;k=v") the args.
//
//	driver load <dir> <name>
//
// finds the network as libcni.LoadConfList does and prints one JSON object: on success (exit 0)
// name, cniVersion, disableCheck, plugins (each plugin's config as libcni holds it) and bytes
// (the list's bytes, base64); on failure (exit 1) kind (NotFoundError, NoConfigsFoundError or
// error) and message.
func main() {
	if len(os.Args) == 4 && os.Args[1] == "load" {
		load(os.Args[2], os.Args[3])
		return
	}
	cmd, file, netns, id, ifname, path, cache := os.Args[1], os.Args[2], os.Args[3], os.Args[4], os.Args[5], os.Args[6], os.Args[7]
	list, err := libcni.ConfListFromFile(file)
	if err != nil {
		fail(err)
	}
	cni := libcni.NewCNIConfigWithCacheDir(strings.Split(path, ":"), cache, nil)
	rt := &libcni.RuntimeConf{ContainerID: id, NetNS: netns, IfName: ifname}
	if caps := os.Getenv("DRIVER_CAP_ARGS"); caps != "" {
		if err := json.Unmarshal([]byte(caps), &rt.CapabilityArgs); err != nil {
			fail(err)
		}
	}
	if args := os.Getenv("DRIVER_ARGS"); args != "" {
		for _, pair := range strings.Split(args, ";") {
			kv := strings.SplitN(pair, "=", 2)
			rt.Args = append(rt.Args, [2]string{kv[0], kv[1]})
		}
	}
	ctx := context.Background()
	switch cmd {
	case "add":
		r, err := cni.AddNetworkList(ctx, list, rt)
		if err != nil {
			fail(err)
		}
		b, _ := json.Marshal(r)
		fmt.Println(string(b))
	case "del":
		if err := cni.DelNetworkList(ctx, list, rt); err != nil {
			fail(err)
		}
	case "check":
		if err := cni.CheckNetworkList(ctx, list, rt); err != nil {
			fail(err)
		}
	}
}

func load(dir, name string) {
	list, err := libcni.LoadConfList(dir, name)
	if err != nil {
		kind := "error"
		switch err.(type) {
		case libcni.NotFoundError:
			kind = "NotFoundError"
		case libcni.NoConfigsFoundError:
			kind = "NoConfigsFoundError"
		}
		emit(map[string]interface{}{"kind": kind, "message": err.Error()})
		os.Exit(1)
	}
	plugins := []interface{}{}
	for _, plugin := range list.Plugins {
		var config interface{}
		if err := json.Unmarshal(plugin.Bytes, &config); err != nil {
			fail(err)
		}
		plugins = append(plugins, config)
	}
	emit(map[string]interface{}{"name": list.Name, "cniVersion": list.CNIVersion,
		"disableCheck": list.DisableCheck, "plugins": plugins, "bytes": list.Bytes})
}

func emit(value interface{}) {
	b, err := json.Marshal(value)
	if err != nil {
		fail(err)
	}
	fmt.Println(string(b))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
