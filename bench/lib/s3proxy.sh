# Sourced by the asset benchmarks. start_s3proxy PORT DIR: starts s3proxy (trainyard-core's test copy,
# in-memory store, the keys in AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY) on 127.0.0.1:PORT, with its
# properties and log in DIR, and appends its pid to the caller's pids array.
start_s3proxy() {
  local port=$1 dir=$2
  cat > "$dir/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$AWS_ACCESS_KEY_ID
s3proxy.credential=$AWS_SECRET_ACCESS_KEY
jclouds.provider=transient
jclouds.identity=$AWS_ACCESS_KEY_ID
jclouds.credential=$AWS_SECRET_ACCESS_KEY
PROPS
  java -Xmx2g -jar trainyard-core/target/s3proxy/s3proxy.jar --properties "$dir/s3proxy.properties" > "$dir/s3proxy.log" 2>&1 &
  pids+=($!)
}
