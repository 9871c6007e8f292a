// The portal's icons: Microsoft's Fluent System Icons, the set Azure's portal draws with, each at
// 16px as in the portal's menus, command bars and grids. Decorative unless given a title.
// The headless build of @fluentui/react-icons: plain SVG styled by a static stylesheet (imported
// in the root layout), no CSS-in-JS runtime; one module per icon group, so only these are bundled.
import type { FluentIcon, FluentIconsProps } from "@fluentui/react-icons/headless";
import { Add16Regular } from "@fluentui/react-icons/headless/svg/add";
import { Alert16Regular } from "@fluentui/react-icons/headless/svg/alert";
import { AlertUrgent16Regular } from "@fluentui/react-icons/headless/svg/alert-urgent";
import { ArrowClockwise16Regular } from "@fluentui/react-icons/headless/svg/arrow-clockwise";
import { ArrowDownload16Regular } from "@fluentui/react-icons/headless/svg/arrow-download";
import { ArrowUndo16Regular } from "@fluentui/react-icons/headless/svg/arrow-undo";
import { ArrowSortDown16Regular } from "@fluentui/react-icons/headless/svg/arrow-sort-down";
import { ArrowSortUp16Regular } from "@fluentui/react-icons/headless/svg/arrow-sort-up";
import { ArrowUpload16Regular } from "@fluentui/react-icons/headless/svg/arrow-upload";
import { Board16Regular } from "@fluentui/react-icons/headless/svg/board";
import { CalendarLtr16Regular } from "@fluentui/react-icons/headless/svg/calendar-ltr";
import { Checkmark16Regular } from "@fluentui/react-icons/headless/svg/checkmark";
import { CheckmarkCircle16Filled } from "@fluentui/react-icons/headless/svg/checkmark-circle";
import { CloudArrowUp16Regular } from "@fluentui/react-icons/headless/svg/cloud-arrow-up";
import { ColumnTripleEdit20Regular } from "@fluentui/react-icons/headless/svg/column-triple-edit";
import { Delete16Regular } from "@fluentui/react-icons/headless/svg/delete";
import { Desktop16Filled } from "@fluentui/react-icons/headless/svg/desktop";
import { Dismiss16Regular } from "@fluentui/react-icons/headless/svg/dismiss";
import { DismissCircle16Filled } from "@fluentui/react-icons/headless/svg/dismiss-circle";
import { DocumentBulletList16Regular } from "@fluentui/react-icons/headless/svg/document-bullet-list";
import { ErrorCircle16Filled } from "@fluentui/react-icons/headless/svg/error-circle";
import { Filter16Regular } from "@fluentui/react-icons/headless/svg/filter";
import { History16Regular } from "@fluentui/react-icons/headless/svg/history";
import { Info16Filled } from "@fluentui/react-icons/headless/svg/info";
import { People16Regular } from "@fluentui/react-icons/headless/svg/people";
import { Pin16Regular } from "@fluentui/react-icons/headless/svg/pin";
import { Play16Regular } from "@fluentui/react-icons/headless/svg/play";
import { Prohibited16Regular } from "@fluentui/react-icons/headless/svg/prohibited";
import { RecordStop16Regular } from "@fluentui/react-icons/headless/svg/record-stop";
import { Search16Regular } from "@fluentui/react-icons/headless/svg/search";
import { Server16Filled } from "@fluentui/react-icons/headless/svg/server";
import { Settings16Regular } from "@fluentui/react-icons/headless/svg/settings";
import { SpinnerIos16Regular } from "@fluentui/react-icons/headless/svg/spinner-ios";
import { SubtractCircle16Regular } from "@fluentui/react-icons/headless/svg/subtract-circle";
import { TaskListSquareLtr16Regular } from "@fluentui/react-icons/headless/svg/task-list-square-ltr";
import { TextBulletListSquare16Regular } from "@fluentui/react-icons/headless/svg/text-bullet-list-square";
import { Vault16Filled } from "@fluentui/react-icons/headless/svg/vault";
import { Vault16Regular } from "@fluentui/react-icons/headless/svg/vault";
import { Warning16Filled } from "@fluentui/react-icons/headless/svg/warning";

type IconProps = Omit<FluentIconsProps, "primaryFill" | "ref">;

/**
 * A portal icon drawn by a Fluent glyph: in the text's colour (a class such as text-primary sets
 * it), or in a fixed colour for the status and resource-type icons, which keep theirs everywhere.
 * 16px unless the container sizes its svg (the blade header does).
 */
function fluent(Glyph: FluentIcon, colour?: string) {
  const Icon = ({ className, ...props }: IconProps) => (
    <Glyph className={className ? `size-4 shrink-0 ${className}` : "size-4 shrink-0"} primaryFill={colour} {...props} />
  );
  Icon.displayName = Glyph.displayName;
  return Icon;
}

// Status, in the colours the portal gives them.
export const SuccessIcon = fluent(CheckmarkCircle16Filled, "#107c10");
export const ErrorIcon = fluent(DismissCircle16Filled, "#a4262c");
export const WarningIcon = fluent(Warning16Filled, "#d83b01");
export const InfoIcon = fluent(Info16Filled, "#0078d4");
export const CancelledIcon = fluent(Prohibited16Regular, "#605e5c");
export const SkippedIcon = fluent(SubtractCircle16Regular, "#a19f9d");
const Spinner = fluent(SpinnerIos16Regular, "#0078d4");
export const InProgressIcon = (props: IconProps) => (
  <Spinner {...props} style={{ animation: "spin 1.6s linear infinite", ...props.style }} />
);

/** Azure Monitor's severity icons: Sev0 Critical, Sev1 Error, Sev2 Warning. */
export const SeverityCriticalIcon = fluent(DismissCircle16Filled, "#a80000");
export const SeverityErrorIcon = fluent(ErrorCircle16Filled, "#e81123");
export const SeverityWarningIcon = fluent(Warning16Filled, "#ff8c00");

// Resource types.
export const VaultIcon = fluent(Vault16Filled, "#0078d4");
export const VmIcon = fluent(Desktop16Filled, "#0078d4");
export const ServerIcon = fluent(Server16Filled, "#605e5c");

// Menus and blades.
/** As in Azure's resource menus, a resource's Overview shows the resource's own icon. */
export const OverviewIcon = fluent(Vault16Regular);
export const DashboardIcon = fluent(Board16Regular);
export const BackupIcon = fluent(CloudArrowUp16Regular);
export const PolicyIcon = fluent(DocumentBulletList16Regular);
export const JobsIcon = fluent(TaskListSquareLtr16Regular);
export const ActivityLogIcon = fluent(TextBulletListSquare16Regular);
export const AlertIcon = fluent(AlertUrgent16Regular);
export const BellIcon = fluent(Alert16Regular);
export const UsersIcon = fluent(People16Regular);
export const SettingsIcon = fluent(Settings16Regular);

// Commands.
export const PlusIcon = fluent(Add16Regular);
export const DeleteIcon = fluent(Delete16Regular);
export const RefreshIcon = fluent(ArrowClockwise16Regular);
export const StopIcon = fluent(RecordStop16Regular);
export const PlayIcon = fluent(Play16Regular);
/** A clock turned back: restore from a point in time. */
export const RestoreIcon = fluent(History16Regular);
export const UndoIcon = fluent(ArrowUndo16Regular);
export const DownloadIcon = fluent(ArrowDownload16Regular);
export const UploadIcon = fluent(ArrowUpload16Regular);
export const SearchIcon = fluent(Search16Regular);
export const PinIcon = fluent(Pin16Regular);
export const FilterIcon = fluent(Filter16Regular);
export const ColumnsIcon = fluent(ColumnTripleEdit20Regular);
export const DismissIcon = fluent(Dismiss16Regular);
export const CheckmarkIcon = fluent(Checkmark16Regular);
/** A date field's button that opens its calendar. */
export const CalendarIcon = fluent(CalendarLtr16Regular);

// A sorted column's direction.
export const SortAscendingIcon = fluent(ArrowSortUp16Regular);
export const SortDescendingIcon = fluent(ArrowSortDown16Regular);
