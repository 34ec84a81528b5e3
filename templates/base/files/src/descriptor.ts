/** Names one generation-time option (auth strategy, storage backend) for diagnostics such as server_info. */
export interface OptionDescriptor {
  readonly id: string;
  readonly displayName: string;
}
