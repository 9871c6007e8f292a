// Azure Backup's job errors the portal reproduces: code, title, message and recommended actions.

export type JobError = { code: string; title: string; message: string; recommendations: string[] };

export const JOB_ERRORS = {
  vmNotFound: {
    code: "UserErrorVmNotFoundV2",
    title: "Virtual machine not found",
    message: "The virtual machine doesn't exist anymore.",
    recommendations: ["Stop protection of the item and delete its backup data, or restore the virtual machine from a recovery point."],
  },
  vmAgentUnavailable: {
    code: "UserErrorGuestAgentStatusUnavailable",
    title: "VM agent unreachable",
    message: "VM Agent unable to communicate with Azure Backup.",
    recommendations: ["Ensure the VM agent is installed and running on the VM.", "Make sure the VM has network connectivity to Azure."],
  },
  snapshotNoNetwork: {
    code: "ExtensionSnapshotFailedNoNetwork",
    title: "Snapshot failed",
    message: "Snapshot operation failed due to no network connectivity on the virtual machine.",
    recommendations: ["Allow the VM outbound access to the Azure Backup and Azure Storage service tags."],
  },
  marsScratch: {
    code: "SalChecksumStoreInitializationFailed",
    title: "Scratch location not accessible",
    message: "Microsoft Azure Recovery Services Agent was unable to access backup checksum stored in scratch location.",
    recommendations: ["Check whether antivirus software or another process locks the scratch location's files.", "Make sure the scratch location is valid and accessible to the agent, then restart the server."],
  },
  transferTimedOut: {
    code: "TransferToVaultFailed",
    title: "Transfer to vault failed",
    message: "The snapshot was taken, but transferring it to the vault failed. The snapshot can be restored; the next backup transfers the changes.",
    recommendations: ["No action is needed: the next scheduled backup transfers the data to the vault."],
  },
  engineStopped: {
    code: "EngineStoppedDuringJob",
    title: "Backup interrupted",
    message: "The engine running this job stopped before it finished (its lease ran out).",
    recommendations: ["No action is needed: the next scheduled backup runs as usual. Run Backup now for an earlier recovery point."],
  },
} satisfies Record<string, JobError>;
